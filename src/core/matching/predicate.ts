import nlp from 'compromise';

/**
 * A claim text cut into whom or what it is about and what it says of them. The subject is the text before the first verb ("5G mobile towers" of
 * "5G mobile towers spread the coronavirus", "Drinking hot lemon water" of "Drinking hot lemon
 * water cures cancer"), read by compromise's part-of-speech tagger. A message that shares only
 * this with a claim is on its topic, not its claim ("5g towers lower the price of your house").
 * Empty when the tagger finds no verb (a claim written in Roman Urdu, or a bare noun phrase):
 * then nothing of the claim is its subject alone.
 */
export function splitClaim(claimText: string): { subject: string; predicate: string } {
  const terms = nlp(claimText).json()[0]?.terms as { text: string; tags: string[] }[] | undefined;
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
