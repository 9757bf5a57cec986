import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/core/claim.ts';
import type { Match } from '../../src/core/matching/matcher.ts';
import { cleanMessage } from '../../src/core/matching/normalise.ts';
import { ReplyPolicy } from '../../src/core/policy.ts';
import type { Verdict } from '../../src/core/verdict.ts';

function claim(id: string, verdict: Verdict, status: Claim['status'] = 'published', text = id): Claim {
  return {
    id, claim: text, verdict, note: 'note', evidence: ['quote'], source: { title: 'Source', file: 's.txt' },
    phrasings: [], counterExamples: [], tags: [], status, updated: '2024-11-11',
  };
}
function match(c: Claim, score: number, counterScore = 0, nameCoverage = 1): Match {
  return { claim: c, score, similarity: score, matchedText: c.claim, field: 'claim', counterScore, nameCoverage };
}

const policy = new ReplyPolicy({ replyThreshold: 0.5, minMargin: 0.1, answerThreshold: 0.3, minNameCoverage: 0.5 });
const video = claim('video', 'false', 'published', 'A video shows Donald Trump promising to get Imran Khan released from prison.');

describe('reply policy', () => {
  it('replies to a confident match of a false claim', () => {
    expect(policy.decide('trump video imran', [match(video, 0.8)]).decision).toBe('reply');
  });

  it('stays silent below the threshold', () => {
    expect(policy.decide('x', [match(video, 0.49)])).toMatchObject({ decision: 'none', reason: 'below-threshold' });
  });

  it('stays silent with no match at all', () => {
    expect(policy.decide('hello', [])).toMatchObject({ decision: 'none', reason: 'no-match' });
  });

  it.each(['false', 'misleading', 'unverified', 'unsupported'] as const)('speaks about a %s claim', (verdict) => {
    expect(policy.decide('x', [match(claim('c', verdict), 0.9)]).decision).toBe('reply');
  });

  it('does not interrupt a chat to confirm an accurate claim', () => {
    expect(policy.decide('x', [match(claim('ok', 'accurate'), 0.95)])).toMatchObject({ decision: 'none', reason: 'settled-verdict' });
  });

  it('does not speak about a retired claim', () => {
    expect(policy.decide('x', [match(claim('old', 'false', 'retired'), 0.95)])).toMatchObject({ reason: 'retired' });
  });

  it('stays silent when an accurate claim is nearly as close (the message may be right)', () => {
    const decision = policy.decide('x', [match(video, 0.7), match(claim('true-one', 'accurate'), 0.65)]);
    expect(decision).toMatchObject({ decision: 'none', reason: 'ambiguous' });
  });

  it('still replies when the runner-up is another correction', () => {
    expect(policy.decide('x', [match(video, 0.7), match(claim('promise', 'false'), 0.68)]).decision).toBe('reply');
  });

  it('stays silent when the message does not name who the claim is about', () => {
    expect(policy.decide('trump released a video on tariffs', [match(video, 0.9, 0, 0.3)])).toMatchObject({ decision: 'none', reason: 'off-topic' });
  });

  it('reads past a claim the message is not about to the one it is about, above the threshold', () => {
    // The accurate claim ranks first but the message names someone it never mentions (off-topic for it).
    const vote = claim('vote', 'accurate', 'published', 'Khan was removed by a no-confidence vote.');
    const conspiracy = claim('conspiracy', 'unverified', 'published', 'Washington conspired to remove Khan.');
    const heard = 'Washington organised the no-confidence motion that ousted Khan';
    expect(policy.decide(heard, [match(vote, 0.8, 0, 0), match(conspiracy, 0.7)])).toMatchObject({ decision: 'reply', match: { claim: { id: 'conspiracy' } } });
    // Not below the threshold, and not past a claim the message is about.
    expect(policy.decide(heard, [match(vote, 0.8, 0, 0), match(conspiracy, 0.45)])).toMatchObject({ decision: 'none', reason: 'settled-verdict' });
    expect(policy.decide(heard, [match(vote, 0.8), match(conspiracy, 0.7)])).toMatchObject({ decision: 'none', reason: 'settled-verdict' });
  });

  it('stays silent when a moderator counter-example fits the message better', () => {
    expect(policy.decide('x', [match(video, 0.6, 0.9)])).toMatchObject({ reason: 'counter-example' });
  });

  it.each([
    "that trump video is fake, it's an old edit",
    'ye video purani hai, edited hai',
    'Trump never promised to free Khan',
    'trump ne koi wada nahi kiya',
    'یہ ویڈیو جعلی ہے',
    'stop spreading this, it was never proven',
    'ppl really think trump will tweet IK out of jail? lol',
    'Trump had no role in any release, nothing of the sort',
    'koi video nahi hai, Trump ne kuch nahi kaha',
    'is video ka koi saboot nahi mila',
    'saboot koi nahi, sirf baatein hain',
    'ye baat kabhi saabit nahi hui',
    'video kabhi prove nahi hui',
    'there is not a shred of evidence for this video',
    'ٹرمپ والی ویڈیو کبھی ثابت نہیں ہوئی',
    'اس ویڈیو کا کوئی ثبوت نہیں',
    'یہ بات بے بنیاد ہے',
    'ye sab whatsapp university hai',
    'ye video asli nahi hai',
    'یہ ویڈیو اصلی نہیں ہے',
    'log abhi bhi yaqeen karte hain is video par',
    'لوگ اب بھی اس ویڈیو پر یقین کرتے ہیں',
  ])('stays silent when the message already corrects the claim: %s', (text) => {
    expect(policy.decide(text, [match(video, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
  });

  const faked = claim('moon', 'false', 'published', 'The 1969 moon landing was faked in a film studio.');
  it.each(['the moon landing was a hoax filmed in a studio', 'the moon landing was not real, all staged in hollywood', 'moon landing = fake, shot in a studio', 'the moon landing never happened, it was all done in a studio'])(
    'takes the claim\'s own words for a statement of it, not a correction: %s',
    (text) => {
      expect(policy.decide(text, [match(faked, 0.9)]).decision).toBe('reply');
    },
  );

  it.each([
    'people who think the moon landing was staged need to read a book',
    'anyone who still believes the moon landing was faked in a studio is beyond help',
    'moon landing hoax? conspiracy theorists will believe anything',
  ])('stays silent when a message mocks those who believe the claim: %s', (text) => {
    expect(policy.decide(text, [match(faked, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
  });

  it.each(['the moon landing was real, it was never faked', 'nobody faked the moon landing, stop spreading this'])(
    'still stays silent when a message negates a claim that says something was faked: %s',
    (text) => {
      expect(policy.decide(text, [match(faked, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
    },
  );

  it('reads someone said to lie as no correction, in English or Roman Urdu; a thing called a lie still is one', () => {
    const flat = claim('flat', 'false', 'published', 'The Earth is flat and NASA hides it.');
    flat.phrasings = ['the earth is flat, nasa is lying to us'];
    expect(policy.decide(cleanMessage('zameen gol nahi hai, chapti hai, nasa jhoot bolta hai'), [match(flat, 0.9)]).decision).toBe('reply');
    expect(policy.decide(cleanMessage('the earth is flat and nasa is lying'), [match(flat, 0.9)]).decision).toBe('reply');
    expect(policy.decide(cleanMessage('zameen chapti hai? ye sab jhoot hai'), [match(flat, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
  });

  it.each([
    'no doubt trump will get khan released from prison, watch the video',
    'cant wait for trump to get imran khan released, the video says it all',
    'trump khan ko riha karwaye ga, is mein koi shak nahi, video dekho',
    'video mein saaf proof hai, no doubt about it',
    'video dekho, Trump tab tak pressure dalega jab tak Khan riha nahi hota',
  ])(
    'reads an idiom with "no" or "can\'t" as no negation: %s',
    (text) => {
      expect(policy.decide(text, [match(video, 0.9)]).decision).toBe('reply');
    },
  );

  it.each([
    "Trump literally on camera saying he'll get Khan out, how is nobody talking about this",
    'no one is covering the trump video about khan',
    'Pakistani media is not showing this video of trump freeing khan',
    'media ye video nahi dikhaye ga, trump ne khan ki rihai ka kaha',
  ])('reads "nobody is talking about it" as the story kept quiet, not denied: %s', (text) => {
    expect(policy.decide(text, [match(video, 0.9)]).decision).toBe('reply');
  });

  it.each(['the video does not show trump saying that', 'nobody is talking about this because it never happened', 'aisa kuch nahi hua tha bhai'])(
    'still stays silent when the message denies the claim itself: %s',
    (text) => {
      expect(policy.decide(text, [match(video, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
    },
  );

  // A claim that itself says "not", asked or stated.
  const ineligible = claim('ineligible', 'false', 'published', 'Kamala Harris is not eligible to serve as President because her parents were not legal residents.');
  const lincoln = claim('lincoln', 'false', 'published', "Did Abraham Lincoln say that 'America will never be destroyed from the outside'?");
  it.each([
    [ineligible, 'Kamala Harris is NOT eligible to be President, her parents were not residents'],
    [lincoln, 'America will never be destroyed from the outside. A. Lincoln'],
    [video, 'I didn\'t know Trump promised in a video to get Khan released'],
    [video, 'Trump video no. 2: he promises to free Khan from prison'],
  ] as const)('takes a negation the claim itself makes, a verb of knowing, or "No. 2" for no correction (%#)', (c, text) => {
    expect(policy.decide(cleanMessage(text), [match(c, 0.9)]).decision).toBe('reply');
  });

  it.each(['Harris was never barred from being President', 'It is not the case that Harris is ineligible'])(
    'still stays silent when a negation reaches other words of the claim than those it negates itself: %s',
    (text) => {
      expect(policy.decide(cleanMessage(text), [match(ineligible, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
    },
  );

  // A claim that says "no longer", and claims of prevention, of warnings, of what something can do.
  const moved = { ...claim('moved', 'false', 'published', 'Imran Khan has been secretly moved out of Adiala jail.'), phrasings: ['khan is no longer in adiala, they shifted him somewhere secret'] };
  const garlic = { ...claim('garlic', 'false', 'published', 'Eating garlic prevents coronavirus infection.'), phrasings: ['garlic protects you from covid'] };
  const fish = claim('fish', 'false', 'published', 'Drinking milk after eating fish causes white patches on the skin.');
  const haarp = { ...claim('haarp', 'false', 'published', 'The 2022 floods in Pakistan were caused by an American weather weapon.'), phrasings: ["america's HAARP caused the floods in pakistan"] };
  it.each([
    [moved, 'khan sahab adiala mein nahi hain, unhein kahin aur le gaye'],
    [moved, 'khan is not in adiala anymore, where is he?'],
    [garlic, 'lehsan khao, corona nahi hoga'],
    [garlic, 'eat raw garlic every day and corona cant touch you'],
    [fish, 'never drink milk after fish, it gives you white spots'],
    [fish, 'please do not drink milk after eating fish'],
  ] as const)('reads what the claim itself negates, prevents or warns of as stating it (%#)', (c, text) => {
    expect(policy.decide(cleanMessage(text), [match(c, 0.9)]).decision).toBe('reply');
  });

  it.each([
    [moved, 'khan was not moved out of adiala, his sisters met him there'],
    [garlic, 'garlic does not protect you from corona'],
    [fish, 'milk after fish never causes white patches'],
    [haarp, "haarp can't make a monsoon, the floods came from record rain"],
  ] as const)('still reads a denial of those claims as a correction (%#)', (c, text) => {
    expect(policy.decide(cleanMessage(text), [match(c, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
  });

  it('reads a clip cut to seem to say what it does not as a correction', () => {
    const text = cleanMessage('that trump video is from years ago, PTI people cut it up to make it look like he promised khan\'s release');
    expect(policy.decide(text, [match(video, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
    expect(policy.decide(cleanMessage('the trump clip is years old, khan was not even in jail then'), [match(video, 0.9)])).toMatchObject({ reason: 'already-corrected' });
    // An age is not an old clip.
    expect(policy.decide(cleanMessage("trump promised in a video to free khan, i'll remember it when i'm eighty years old"), [match(video, 0.9)]).decision).toBe('reply');
  });

  it('takes no negation from a claim phrasing that asks in its favour ("didn\'t Trump say...?")', () => {
    const promised = { ...claim('promised', 'misleading', 'published', 'Donald Trump or his campaign promised to free Imran Khan from prison.'), phrasings: ["didn't Trump say he'd free Imran Khan if elected?"] };
    const text = cleanMessage("nobody in trump's team ever promised to free khan, they only talked about it as a possibility");
    expect(policy.decide(text, [match(promised, 0.9)])).toMatchObject({ decision: 'none', reason: 'already-corrected' });
    expect(policy.decide(cleanMessage("didn't trump promise to free khan?"), [match(promised, 0.9)]).decision).toBe('reply');
  });

  it.each(['is the trump video real?', 'is the trump video fake?', 'kya ye video sach hai?', 'کیا یہ ویڈیو اصلی ہے؟'])(
    'answers a question about the claim: %s',
    (text) => {
      expect(policy.decide(text, [match(video, 0.9)]).decision).toBe('reply');
    },
  );
});
