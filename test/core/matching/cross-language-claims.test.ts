import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/core/claim.ts';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';
import { cleanMessage } from '../../../src/core/matching/normalise.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const shipped = loadKnowledge([path.join(root, 'knowledge')]);

/** A claim as a moderator adds one from the shell: one English sentence and one English phrasing. */
const added = (id: string, text: string, phrasing: string): Claim => ({
  id, claim: text, verdict: 'false', note: 'A note.', evidence: [], source: { title: 'Source', url: 'https://example.org' },
  phrasings: [phrasing], counterExamples: [], tags: [], status: 'published', updated: '2024-01-01',
});

// Words alone, as the bot ships (the sentence encoder reads only English anyway).
const checker = new FactChecker(
  new KnowledgeBase([
    ...shipped,
    added('rigged', 'The election commission rigged the 2024 general election.', 'the 2024 election was rigged by the election commission'),
    added('polio', 'Polio drops make children infertile.', 'the polio vaccine makes kids sterile'),
    added('nawaz-arrested', 'Nawaz Sharif was arrested at Lahore airport.', 'police arrested Nawaz Sharif at the airport in Lahore'),
    added('india-flood', 'India released water into the rivers to flood Pakistan.', 'India opened its dams to flood Punjab'),
    added('modi-attack', 'Modi ordered the army to attack Pakistan.', 'Modi told the Indian army to strike Pakistan'),
  ]),
);

const replyOf = async (text: string) => {
  const { decision } = await checker.judge(text);
  return decision.decision === 'reply' ? decision.match.claim.id : decision.reason;
};

/**
 * What the policy would decide were the matcher sure of the text's best claim: whether the reply
 * gate and the stance silence it whatever the score (a refit may leave a short denial under the
 * reply threshold, which would hide what they do).
 */
const sureDecisionOf = async (text: string) => {
  const { matches } = await checker.judge(text);
  const [best, ...rest] = matches;
  if (best === undefined) return 'no-match';
  const decision = checker.policy.decide(cleanMessage(text), [{ ...best, score: 0.99 }, ...rest]);
  return decision.decision === 'reply' ? decision.match.claim.id : decision.reason;
};

describe('a claim added in English with one phrasing, met in Roman Urdu and Urdu script', () => {
  it.each([
    ['2024 ke intikhabat mein election commission ne dhandli ki', 'rigged'],
    ['الیکشن کمیشن نے 2024 کے انتخابات میں دھاندلی کی', 'rigged'],
    ['polio ke qatre bachon ko banjh kar dete hain', 'polio'],
    ['پولیو کے قطرے بچوں کو بانجھ بنا دیتے ہیں', 'polio'],
    ['Nawaz Sharif ko Lahore airport pe giraftar kar liya gaya', 'nawaz-arrested'],
    ['نواز شریف لاہور ایئرپورٹ پر گرفتار ہو گئے', 'nawaz-arrested'],
    ['Bharat ne paani chhor diya taake Pakistan mein sailab aaye', 'india-flood'],
    ['بھارت نے پاکستان میں سیلاب لانے کے لیے دریا میں پانی چھوڑ دیا', 'india-flood'],
    ['مودی نے فوج کو پاکستان پر حملے کا حکم دیا', 'modi-attack'],
  ])('replies to a restatement: %s', async (text, claim) => {
    expect(await replyOf(text)).toBe(claim);
  });

  it.each([
    'Nawaz Sharif ko giraftar nahi kiya gaya, ye afwah hai',
    'پولیو کے قطروں سے کوئی بانجھ نہیں ہوتا',
    'polio ke qatre bachon ko banjh nahi karte',
    'dhandli ka koi saboot nahi mila',
    'نواز شریف کی گرفتاری کبھی ثابت نہیں ہوئی',
    'Nawaz Sharif ki giraftari ki khabar bakwas hai',
    'log abhi bhi yaqeen karte hain ke polio ke qatron se bache banjh hote hain',
    'kaun yaqeen karega ke polio ke qatron se bache banjh hote hain',
  ])('stays silent on a denial, a "no proof", or scorn: %s', async (text) => {
    expect(await replyOf(text)).toMatch(/^(already-corrected|below-threshold)$/);
    expect(await sureDecisionOf(text)).toBe('already-corrected');
  });

  it('reads "koi shak nahi" (no doubt) as no denial', async () => {
    expect(await replyOf('koi shak nahi ke election commission ne dhandli ki')).toBe('rigged');
  });
});

describe('the reply gate reads whom a one-phrasing claim is about from its own text', () => {
  it('replies to a message that names the claim\'s subject and says what the claim says, without its other names', async () => {
    expect(await replyOf('Modi ne fauj ko hamle ka hukm diya')).toBe('modi-attack');
  });

  it('stays silent on the same words about someone else: the subject is left out', async () => {
    expect(await replyOf('Pakistan ki fauj ne hamla kiya')).toMatch(/^(off-topic|below-threshold)$/);
    expect(await sureDecisionOf('Pakistan ki fauj ne hamla kiya')).toBe('off-topic');
  });

  it('stays silent when the message names the subject beside someone the claim never mentions', async () => {
    expect(await replyOf('Modi ordered the army to attack Canada')).toBe('off-topic');
    expect(await replyOf('Modi ne Canada par hamle ka hukm diya')).toBe('off-topic');
    expect(await replyOf('Modi ordered the army to attack Pakistan')).toBe('modi-attack');
  });
});

describe('the reply gate and a party', () => {
  it('takes "PTI" as half naming Imran Khan, not as someone the claim never mentions', async () => {
    const { matches } = await checker.judge('America aur generals ne mil kar PTI ki hukumat giraai');
    const conspiracy = matches.find((m) => m.claim.id === 'us-conspiracy-khan-ouster');
    expect(conspiracy?.nameCoverage).toBeGreaterThan(0);
  });
});
