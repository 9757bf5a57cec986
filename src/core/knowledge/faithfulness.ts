import type { Claim } from '../claim.ts';
import type { KnowledgeProblem } from './problem.ts';

/*
 * Checks that a claim says no more than its source document: the note's quotations, names,
 * numbers and dates must all be found in the document, and a `false` verdict needs an evidence
 * quote that says the thing did not happen. These are mechanical checks, not a reading: they
 * catch a note that brings in a person, a figure or a date from outside the source, and a
 * verdict of `false` resting on a sentence that denies nothing.
 */

/** What a note mentions that its source document (`sourceText`, named `sourceName`) does not. */
export function noteProblems(claim: Claim, sourceText: string, sourceName: string, label: string): KnowledgeProblem[] {
  const facts = factsOf(sourceText);
  const note = noteFacts(claim.note);
  const problems: KnowledgeProblem[] = [];
  const report = (what: string, items: string[]) => {
    if (items.length > 0) {
      problems.push({ file: label, field: 'note', message: `${what} ${items.join(', ')}, which the source document ${sourceName} does not contain: a note says only what its source says` });
    }
  };
  report('quotes', note.quotes.filter((q) => !facts.text.includes(q.folded)).map((q) => `"${q.shown}"`));
  report('names', unique(note.names.filter((n) => !known(n.token, facts.words)).map((n) => n.shown)));
  report('gives the number', unique(note.numbers.filter((n) => !facts.numbers.has(n.value)).map((n) => n.shown)));
  report('gives the date', unique(note.dates.filter((d) => !facts.dates.some((s) => sameDate(d, s))).map((d) => d.shown)));
  return problems;
}

/** A `false` verdict says the thing did not happen: one evidence quote must say so. */
export function verdictProblems(claim: Claim, label: string): KnowledgeProblem[] {
  if (claim.verdict !== 'false' || claim.evidence.length === 0 || claim.evidence.some(denies)) return [];
  return [{
    file: label,
    field: 'verdict',
    message: 'verdict is "false", but no evidence quote says it did not happen (none says never, not, fake, edited, denied or the like): quote the sentence of the source that denies it, or choose the verdict the evidence supports',
  }];
}

// Words by which a sentence says something did not happen or is not so. A bare "no" is left out
// ("a vote of no confidence" denies nothing).
const DENIAL = /\b(?:never|not|nothing|nobody|none|false|falsely|fake|fabricated|edited|doctored|manipulated|untrue|deny|denies|denied|debunked|hoax|baseless|unfounded)\b|n['’]t\b|\bno\s+(?:evidence|proof|record|such|basis)\b/i;
// Saying a thing is unproven is not saying it did not happen: that is the `unverified` verdict.
const UNPROVEN = /(?:\b(?:not|never)|n['’]t)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:verified|proven|proved|confirmed|established|known|clear|certain)\b/gi;

function denies(quote: string): boolean {
  return DENIAL.test(quote.replace(UNPROVEN, ' '));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')})`;
// Most specific first: a date is taken out of the text once matched, so its day and year are
// not read again as numbers.
const DATE_FORMS: { pattern: RegExp; read: (m: RegExpExecArray) => Omit<DateMention, 'shown'> }[] = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) },
  { pattern: new RegExp(`\\b(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})\\b`, 'gi'), read: (m) => ({ day: Number(m[1]), month: monthOf(m[2]), year: Number(m[3]) }) },
  { pattern: new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'gi'), read: (m) => ({ month: monthOf(m[1]), day: Number(m[2]), year: Number(m[3]) }) },
  { pattern: new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'gi'), read: (m) => ({ month: monthOf(m[1]), year: Number(m[2]) }) },
];

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000, million: 1000000,
};

// Words that may open an English sentence without being a name; any other capitalised word that
// opens a sentence is checked like a name.
const OPENERS = new Set([
  'a', 'an', 'the', 'according', 'after', 'also', 'although', 'and', 'as', 'at', 'because', 'before', 'both', 'but', 'by', 'despite',
  'during', 'each', 'either', 'for', 'from', 'he', 'her', 'his', 'however', 'if', 'in', 'it', 'its', 'many', 'most', 'neither', 'no',
  'nor', 'not', 'on', 'only', 'or', 'our', 'she', 'since', 'so', 'some', 'that', 'their', 'then', 'there', 'these', 'they', 'this',
  'those', 'though', 'to', 'under', 'unless', 'until', 'we', 'what', 'when', 'whether', 'which', 'while', 'who', 'why', 'with', 'yet',
]);

interface DateMention {
  year: number;
  month: number;
  day?: number;
  shown: string;
}

interface SourceFacts {
  /** The document lower-cased, whitespace collapsed, for quotations. */
  text: string;
  words: Set<string>;
  numbers: Set<number>;
  dates: DateMention[];
}

interface NoteFacts {
  quotes: { shown: string; folded: string }[];
  names: { shown: string; token: string }[];
  numbers: { shown: string; value: number }[];
  dates: DateMention[];
}

// A knowledge base cites few documents, each by many claims: the last one's facts are kept.
let cached: { source: string; facts: SourceFacts } | undefined;

function factsOf(source: string): SourceFacts {
  if (cached?.source === source) return cached.facts;
  const { rest, dates } = takeDates(source);
  const words = new Set<string>();
  const numbers = new Set<number>();
  for (const token of tokens(rest)) {
    for (const part of partsOf(token)) words.add(part);
    const spelled = NUMBER_WORDS[fold(token)];
    if (spelled !== undefined) numbers.add(spelled);
  }
  for (const figure of rest.matchAll(FIGURE)) numbers.add(valueOf(figure[0]));
  // The date's own day and year count as numbers of the document too ("2024" alone).
  for (const date of dates) {
    numbers.add(date.year);
    if (date.day !== undefined) numbers.add(date.day);
  }
  const facts: SourceFacts = { text: foldQuote(source), words, numbers, dates };
  cached = { source, facts };
  return facts;
}

function noteFacts(note: string): NoteFacts {
  const quotes = [...note.matchAll(/["“]([^"”]+)["”]/g)]
    .map((m) => ({ shown: (m[1] as string).trim(), folded: foldQuote(m[1] as string) }))
    .filter((q) => q.folded.length > 0);
  const { rest, dates } = takeDates(note);
  const names: NoteFacts['names'] = [];
  for (const sentence of rest.split(/(?<=[.!?]["”’)]*)\s+/u)) {
    tokens(sentence).forEach((token, i) => {
      if (!/^\p{Lu}/u.test(token) || token === 'I' || NUMBER_WORDS[fold(token)] !== undefined) return;
      // Participles, adverbs and labels open sentences too ("Calling it...", "Historically, ...",
      // "(Checked again.)", "Revised: ..."); names seldom do.
      if (i === 0 && (OPENERS.has(fold(token)) || /(?:ing|ly|ed)$/u.test(token) || sentence.includes(`${token}:`))) return;
      names.push({ shown: token.replace(/['’]s$/u, ''), token });
    });
  }
  const numbers: NoteFacts['numbers'] = [...rest.matchAll(FIGURE)].map((m) => ({ shown: m[0], value: valueOf(m[0]) }));
  for (const token of tokens(rest)) {
    const spelled = NUMBER_WORDS[fold(token)];
    if (spelled !== undefined) numbers.push({ shown: token, value: spelled });
  }
  return { quotes, names, numbers, dates };
}

const FIGURE = /\d+(?:[.,]\d+)*/g;

function valueOf(figure: string): number {
  return Number(figure.replace(/,/g, ''));
}

function takeDates(text: string): { rest: string; dates: DateMention[] } {
  const dates: DateMention[] = [];
  let rest = text;
  for (const { pattern, read } of DATE_FORMS) {
    rest = rest.replace(pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      dates.push({ ...read(match), shown: match[0] });
      return ' '.repeat(match[0].length);
    });
  }
  return { rest, dates };
}

function monthOf(name: string | undefined): number {
  return MONTHS.indexOf((name ?? '').toLowerCase()) + 1;
}

/** A note's date is in the document when the document has that month and year (and day, if given). */
function sameDate(note: DateMention, source: DateMention): boolean {
  return note.year === source.year && note.month === source.month && (note.day === undefined || note.day === source.day);
}

function tokens(text: string): string[] {
  return text.match(/\p{L}[\p{L}\p{M}'’.-]*/gu)?.map((t) => t.replace(/[.'’-]+$/u, '')) ?? [];
}

/** A word as compared: lower case, without a possessive; a hyphenated word also as its parts. */
function partsOf(token: string): string[] {
  const word = fold(token).replace(/'s$/u, '');
  const pieces = word.split('-').filter((p) => p.length > 0);
  return pieces.length > 1 ? [word, ...pieces] : [word];
}

/** A word is in the document as it is, or each part of it is ("Pakistani-Americans"). */
function known(token: string, words: ReadonlySet<string>): boolean {
  const [word, ...pieces] = partsOf(token);
  return inflected(word as string, words) || (pieces.length > 0 && pieces.every((piece) => inflected(piece, words)));
}

/** The word, its plural or its singular ("Republican" where the document says "Republicans"). */
function inflected(word: string, words: ReadonlySet<string>): boolean {
  return words.has(word) || words.has(`${word}s`) || words.has(`${word}es`) || (word.endsWith('s') && words.has(word.slice(0, -1)));
}

function fold(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

function foldQuote(text: string): string {
  return fold(text).replace(/\s+/g, ' ').replace(/^[\s.,;:!?]+|[\s.,;:!?]+$/g, '');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
