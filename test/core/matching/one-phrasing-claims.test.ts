import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';
import { SentenceVectors } from '../../../src/core/matching/sentence-vectors.ts';
import { readChatExamples } from '../../../src/evaluation/chat-eval.ts';
import { withOnePhrasing } from '../../../src/evaluation/score-fit.ts';
import { addedFromShell } from '../../../src/evaluation/added-claims.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const shipped = loadKnowledge([path.join(root, 'knowledge')]);

const MOON = addedFromShell('moon', 'The 1969 moon landing was faked in a film studio.', 'the moon landing was filmed in a hollywood studio');
const CHIPS = addedFromShell('vaccine-chips', 'COVID-19 vaccines contain microchips to track people.', 'the covid vaccine has a microchip in it');
const FIVE_G = addedFromShell('5g', '5G mobile towers spread the coronavirus.', '5g towers are causing covid');
const LEMON = addedFromShell('lemon', 'Drinking hot lemon water cures cancer.', 'hot water with lemon kills cancer cells');

let checker: FactChecker;
beforeAll(async () => {
  const sentences = await SentenceVectors.start();
  checker = new FactChecker(new KnowledgeBase([...shipped, MOON, CHIPS, FIVE_G, LEMON], { sentences }));
}, 60_000);

const replyOf = async (text: string) => {
  const { decision } = await checker.judge(text);
  return decision.decision === 'reply' ? decision.match.claim.id : decision.reason;
};

describe('claims added with one phrasing, beside the shipped ones, with the sentence encoder (as the bot runs by default)', () => {
  it.each([
    ['the moon landing was a hoax filmed in a studio', 'moon'],
    ['the apollo landing was shot on a soundstage', 'moon'],
    ["there's a tracking device inside the corona injection", 'vaccine-chips'],
    ['the new phone masts are spreading the virus', '5g'],
  ])('replies to a restatement in other words: %s', async (text, claim) => {
    expect(await replyOf(text)).toBe(claim);
  });

  it.each(['the moon landing was real, nobody faked it', 'no microchips in the covid vaccine, that is a myth'])('stays silent on a message that negates the claim: %s', async (text) => {
    expect(await replyOf(text)).toBe('already-corrected');
  });

  // Each is alone on its topic in this knowledge base, so no rival claim's cosine stands between
  // the message and it: being on the claim's topic must not be taken for stating the claim.
  // The sentence encoder weighs topic: these say the claim's subject and none of its predicate.
  it.each([
    'the vaccine is safe, get your shot',
    'neil armstrong walked on the moon in 1969, one of the greatest days ever',
    'the covid vaccine causes heart problems in young men',
    '5g towers lower the price of your house',
    'i drink hot water with lemon every morning, good for digestion',
  ])(
    'stays silent on a message of the claim\'s topic that makes another claim: %s',
    async (text) => {
      expect((await checker.judge(text)).decision.decision).toBe('none');
    },
  );
});

describe('the shipped claims, stance and ranking', () => {
  it('replies with the conspiracy note to a message that says Washington organised the vote', async () => {
    expect(await replyOf('Washington organised the no-confidence motion that ousted Khan')).toBe('us-conspiracy-khan-ouster');
  });

  it.each(['America had no role in removing Imran Khan', 'Nothing suggests the Americans conspired against Khan, parliament just voted him out'])(
    'does not correct a person who rejects the conspiracy claim: %s',
    async (text) => {
      expect(await replyOf(text)).not.toBe('us-conspiracy-khan-ouster');
      expect((await checker.judge(text)).decision.decision).toBe('none');
    },
  );

  it('lists claims in the order of the score it shows, on check and ask, for every chat message', async () => {
    const texts = ['dev', 'test'].flatMap((split) => readChatExamples(path.join(root, 'test', 'fixtures', `chat-${split}.jsonl`))).map((e) => e.text);
    texts.push('Did Trump really say he would free Imran Khan?');
    for (const text of texts) {
      const shown = (await checker.judge(text)).matches.map((m) => m.score);
      expect(shown).toEqual([...shown].sort((a, b) => b - a));
      const asked = (await checker.ask(text)).matches.map((m) => m.score);
      expect(asked).toEqual([...asked].sort((a, b) => b - a));
    }
  }, 120_000);
});

describe('the shipped claims cut to their claim text and one phrasing, words alone', () => {
  const cut = new FactChecker(new KnowledgeBase(shipped.map(withOnePhrasing)));
  const decided = async (text: string) => {
    const { decision } = await cut.judge(text);
    return decision.decision === 'reply' ? decision.match.claim.id : decision.reason;
  };

  it('takes a message that says most of what a claim says for one about it, though it leaves a name of the claim unsaid', async () => {
    expect(await decided('2022 mein washington ki sazish thi, pindi ne bas hukam mana')).toBe('us-conspiracy-khan-ouster');
  });

  it('reads "released a video" as publishing it, not as a release from prison', async () => {
    expect(await decided('Trump released a new video on tariffs, stock market already tanking')).not.toBe('trump-khan-release-video');
    expect(await decided('Trump released a new video about getting Imran Khan out of jail')).toBe('trump-khan-release-video');
  });
});

describe('claims added with one phrasing whose subject a chat leaves unsaid, words alone', () => {
  const HAJJ = addedFromShell('hajj', 'Saudi Arabia has cancelled Hajj this year.', 'saudia ne is saal hajj cancel kar diya hai');
  const NOTE = addedFromShell('note', 'The State Bank of Pakistan is withdrawing the 5,000-rupee note.', 'the 5000 rupee note is being banned next month');
  const GARLIC = addedFromShell('garlic', 'Eating garlic prevents coronavirus infection.', 'garlic protects you from covid');
  const words = new FactChecker(new KnowledgeBase([...shipped, HAJJ, NOTE, GARLIC]));
  const decided = async (text: string) => {
    const { decision } = await words.judge(text);
    return decision.decision === 'reply' ? decision.match.claim.id : decision.reason;
  };

  it.each([
    ['they cancelled hajj this year', 'hajj'],
    ['hajj cancel ho gaya is saal?', 'hajj'],
    ['the state bank will stop the 5000 note', 'note'],
  ])('replies to a message that says the claim but not the name of its subject: %s', async (text, claim) => {
    expect(await decided(text)).toBe(claim);
  });

  it('stays silent on a message of the topic that says neither the subject nor what the claim says of it', async () => {
    expect((await words.judge('hajj flights are so expensive this year')).decision.decision).toBe('none');
  });

  it.each(['iran has cancelled hajj this year', 'modi has cancelled hajj this year'])('holds a message that names someone else to the claim\'s subject: %s', async (text) => {
    expect(await decided(text)).toBe('off-topic');
  });

  it('reads "no corona" as what a claim of prevention says, and its denial as a correction', async () => {
    expect(await decided('garlic khane se corona nahi hota')).toBe('garlic');
    expect(await decided('eat garlic daily and covid will never touch you')).toBe('garlic');
    expect(await decided('garlic does not protect you from corona')).toBe('already-corrected');
  });
});

describe('claims added with one phrasing whose subject a name only qualifies, words alone', () => {
  const MANSION = addedFromShell('mansion', "Pakistan's army chief owns a mansion in the United States.", 'the army chief bought a mansion in america');
  const FISH = addedFromShell('fish-milk', 'Drinking milk after eating fish causes white patches on the skin.', 'fish and milk together give you vitiligo');
  const words = new FactChecker(new KnowledgeBase([...shipped, MANSION, FISH]));
  const decided = async (text: string) => {
    const { decision } = await words.judge(text);
    return decision.decision === 'reply' ? decision.match.claim.id : decision.reason;
  };

  it('replies to a message that says the subject without the name qualifying it', async () => {
    expect(await decided('the army chief owns a big mansion in the US, that is where our money went')).toBe('mansion');
    expect(await decided('our chief of army staff has mansions in the US')).toBe('mansion');
  });

  it('stays silent on a message that says the subject and only names of the rest', async () => {
    expect((await words.judge('the army chief met american officials in washington')).decision.decision).toBe('none');
  });

  it('reads a warning that opens with a negator as stating the claim, and a denial as a correction', async () => {
    expect(await decided('never drink milk after fish, it gives you white spots on the skin')).toBe('fish-milk');
    expect(await decided('please dont drink milk after eating fish, you will get white patches')).toBe('fish-milk');
    expect(await decided('milk after fish never causes white patches on the skin')).toBe('already-corrected');
  });
});
