import { createRequire } from 'node:module';

type Tagger = (text: string) => { json(): { terms: { text: string; tags: string[] }[] }[] };
// compromise takes about 200 ms and 30 MB to load: it is loaded when a claim is first cut, not
// at start-up (`factcheck check "hello"` never needs it).
let nlp: Tagger | undefined;

/**
 * A claim text cut into whom or what it is about and what it says of them. The subject is the
 * text before the first verb ("5G mobile towers" of "5G mobile towers spread the coronavirus",
 * "Drinking hot lemon water" of "Drinking hot lemon water cures cancer"), read by compromise's
 * part-of-speech tagger (its `two` build, which tags and does no more). A message that shares
 * only the subject with a claim is on its topic, not its claim ("5g towers lower the price of
 * your house"). The subject is empty when the tagger finds no verb (a claim written in Roman
 * Urdu, or a bare noun phrase): then nothing of the claim is its subject alone.
 */
export function splitClaim(claimText: string): { subject: string; predicate: string } {
  nlp ??= createRequire(import.meta.url)('compromise/two') as Tagger;
  const terms = nlp(claimText).json()[0]?.terms;
  if (terms === undefined) return { subject: '', predicate: claimText };
  // A gerund that opens the claim heads its subject ("Drinking hot lemon water").
  let verb = terms[0]?.tags.includes('Gerund') || /ing$/i.test(terms[0]?.text ?? '') ? 1 : 0;
  while (verb < terms.length && !(terms[verb] as { tags: string[] }).tags.includes('Verb')) verb++;
  if (verb >= terms.length) return { subject: '', predicate: claimText };
  const text = (from: number, to: number) =>
    terms
      .slice(from, to)
      .map((term) => term.text)
      .join(' ');
  return { subject: text(0, verb), predicate: text(verb, terms.length) };
}

/**
 * Whether a clause that opens with a negator forbids rather than denies: "never drink milk after
 * fish", "don't open the video" warn of what a claim says, while "never happened" or "don't have
 * proof" deny it. Read off the tagger's imperative mood of the word after the negator; "be" and
 * "have" are left out ("never be released" is a prediction).
 */
export function forbids(clause: string): boolean {
  nlp ??= createRequire(import.meta.url)('compromise/two') as Tagger;
  const terms = nlp(clause).json()[0]?.terms ?? [];
  const negator = terms.findIndex((term) => term.tags.includes('Negative'));
  const next = terms[negator + 1];
  if (negator < 0 || next === undefined) return false;
  return next.tags.includes('Imperative') && !/^(?:be|have)$/iu.test(next.text);
}
