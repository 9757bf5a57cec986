import type { Claim } from '../claim.ts';
import { ClaimIndex, SAME_PERSON, type Field, type IndexedDoc } from './claim-index.ts';
import { FEATURE_COUNT, FEATURE_NAMES, OFF_PREDICATE_CAP, RESCORED, SCORE_WEIGHTS, logit, probability, type ScoreFeatures } from './match-score.ts';
import { isCommonKey, isCommonWord } from './common-words.ts';
import { cleanMessage, words } from './normalise.ts';
import { splitClaim } from './predicate.ts';
import { analyse, termOf, termsOfClean, type AnalysedText } from './terms.ts';

/** One claim that a message may repeat, with how sure the matcher is. */
export interface Match {
  claim: Claim;
  /**
   * The probability that the message states or asks about this claim (see `SCORE_WEIGHTS`): one
   * meaning whatever the claim's number of phrasings and whatever else the knowledge base holds.
   */
  score: number;
  /** How fully the message says the words of `matchedText`, and little else (0-1). */
  similarity: number;
  /** The claim text or phrasing that matched best. */
  matchedText: string;
  field: Field;
  /** Score of the best moderator counter-example of this claim (0 if none). */
  counterScore: number;
  /**
   * Share (0-1) of the weight of the names central to the claim (Khan, Trump) that the message
   * mentions, read against whom the claim is about: 0 when the message leaves out the claim's
   * subject (the first name its claim text gives), or names only the subject beside someone the
   * claim never mentions; 1 when it names the subject and says little the claim does not
   * explain, when it has no names, or when the claim has no phrasings to tell which are central.
   */
  nameCoverage: number;
}

export interface MatcherOptions {
  /** Texts per message scored exactly after BM25 retrieval (default: 40 claims' worth, at most 100). */
  candidates?: number;
  /** Balance of the claim's words found (recall) against the message's words explained (precision). */
  beta?: number;
  /** How much a message missing the words most of a claim's texts share is marked down (0-1). */
  coreWeight?: number;
  /** How much a message missing the names in a claim's core (Khan, Trump) is marked down (0-1). */
  nameWeight?: number;
  /**
   * Which of a claim's texts is its best for a message: the one with the highest similarity times
   * (bm25Weight + (1 - bm25Weight) * BM25 / best BM25).
   */
  bm25Weight?: number;
  /** Weights of the score's features (default `SCORE_WEIGHTS`); for fitting them. */
  weights?: readonly number[];
}

/** The words-alone ranking of a text, with what the second stage's gate reads of it. */
export interface WordRanking {
  /** Best first by score: the `limit` asked for, or the `RESCORED` the second stage may re-score if more. */
  matches: Match[];
  /** The text as cleaned for matching (what a sentence vector is computed from). */
  clean: string;
  /** How many distinct terms of substance the text has. */
  terms: number;
  /**
   * Whether the text shares with one of its best `RESCORED` claims a word that is not among the
   * commonest English words ("landing", "tracking", "Khan"; not "day", "good", "video").
   */
  sharesRareWord(): boolean;
  /**
   * The claim text's predicate (see `splitClaim`) when the text says none of the words one of its
   * best claims uses beside its subject, else undefined: the second stage asks the sentence
   * vectors whether the message says it in other words.
   */
  unsaidPredicate(match: Match): string | undefined;
}

// Okapi BM25 constants for retrieval.
const K1 = 1.2;
const B = 0.75;

const COUNTER_EXAMPLE_DISCOUNT = 0.5;
const NAME_COVERAGE = FEATURE_NAMES.indexOf('nameCoverage');
// From this many distinct terms on, a message says enough to state a claim ("video" alone does not): the score's `substance` is its share of them.
const SUBSTANCE_TERMS = 4;
const SUBSTANCE = FEATURE_NAMES.indexOf('substance');
const MAX_SENTENCE_VIEWS = 3;
// How surely a message must name a claim's subject for the claim to be about what it says ("Khan" alone: 0.5).
const MIN_SUBJECT_CREDIT = 0.5;
// Share of a message's words a claim must explain for the message to be about it when it names
// only the claim's subject (one-phrasing claims, chat dev: "imported hakumat = amreeki sazish + generals").
const TOPICAL_PRECISION = 0.5;
// Or that says most of what the claim's best text says beside its names ("2022 mein washington ki
// sazish thi, pindi ne bas hukam mana" leaves Khan unnamed; chat one-phrasing train recall 86.8%
// -> 89.5%, dev 87.2% -> 89.4%; 0.5-0.6 alike, 0.7 loses the train case).
const TOPICAL_RECALL = 0.6;
// Phrasings from which a claim's own texts tell which of its names are central ("Trump released a
// new video on tariffs" names the subject of the video claim, not Khan, whom its phrasings all name).
const CENTRAL_NAMES_PHRASINGS = 5;
// Similarity above which the core-terms mark-down fades out (reaching none at 1).
const EXACT_SIMILARITY = 0.8;

type QueryTerms = Map<string, number>;

interface Person {
  weight: number;
  parts: { term: string; sureness: number }[];
} // term -> credit (1 exact, < 1 fuzzy)


/** What one claim collected over the views of a message. */
interface Accumulated {
  key: number;
  score: number;
  doc: number;
  similarity: number;
  bm25: number;
  bm25Raw: number;
  similarityWhole: number;
  precision: number;
  recall: number;
  sentenceBm25: number;
  sentenceSimilarity: number;
  core: number;
}

/** A text's views, retrieved: per claim its accumulator, best BM25 first. */
interface Collected {
  analysed: AnalysedText;
  byBm25: [number, Accumulated][];
  /** Per claim: the score of its best counter-example. */
  counter: Map<number, number>;
  /** Whether the text is one sentence (its sentence features are then the whole text's). */
  single: boolean;
  /** The best similarity-times-BM25 key of any claim (for each claim's key relative to it). */
  bestKey: number;
  /** The whole text's query terms, expanded when first needed. */
  wholeQuery?: QueryTerms;
  /** Whether every term of the text is a name, found when first needed. */
  namesOnly?: boolean;
  /** How many distinct terms the text has: how much it says (the second stage's gate and the score's `substance`). */
  distinctTerms: number;
  /** The whole text's credit per term id, laid out when first needed. */
  wholeCredits?: Map<number, number>;
}

/** What a claim says of its subject: the terms its texts use beside the subject's, and its claim text's words for it. */
interface Predicate {
  /**
   * The terms the claim's texts use beside its subject's, names left out: what it says of the
   * subject. A name says whom or where, not what ("the army chief met american officials in
   * washington" names the place of "Pakistan's army chief owns a mansion in the United States").
   */
  terms: string[];
  /** What the claim text itself says of its subject, names left out (not its phrasings, which say more). */
  stated: string[];
  /** The terms of the claim text's subject. */
  subject: string[];
  /** The claim text's subject as written ('' when the tagger found no verb). */
  subjectText: string;
  text: string;
  /** The first term of the claim text's predicate: its verb ("cancel" of "has cancelled Hajj this year"). */
  verb: string | undefined;
}

/** A retrieved claim with its ranking features. */
export interface Candidate {
  match: Match;
  features: ScoreFeatures;
  discount: number;
}

/**
 * Ranks claims for a message: BM25 over an inverted index retrieves candidate texts, then each
 * candidate is scored by how much of its weighted vocabulary the message covers and how much of
 * the message it explains. Long messages are also scored sentence by sentence.
 */
export class ClaimMatcher {
  readonly index: ClaimIndex;
  private readonly candidateLimit: number;
  private readonly weights: readonly number[];
  private readonly sentenceCandidates: number;
  private readonly beta2: number;
  private readonly coreWeight: number;
  private readonly nameWeight: number;
  private readonly bm25Weight: number;
  /** Postings longer than this are skipped in retrieval when rarer terms are present. */
  private readonly commonPostings: number;
  // Scratch space for retrieval, reused by every message: BM25 accumulators and touched docs.
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly selectScratch: Float64Array;
  /** Per doc: K1 times BM25's length normalisation. */
  private readonly lengthNorm: Float64Array;
  /** Per term id: 1 + the term's position in the query being scored, 0 when it is not in it. */
  private readonly queryPosition: Int32Array;
  /** Per query position: whether the doc being scored has the term. */
  private hits = new Uint8Array(64);
  /** Per term id: its credit in the query being scored (0 when not in it). */
  private readonly credits: Float64Array;
  /** Of the doc last scored by `similarity`: share of its weighted vocabulary the message says. */
  private recall = 0;
  /** Of the doc last scored by `similarity`: share of the message's weighted words it explains. */
  private precision = 0;
  private readonly people = new Map<number, Person[]>();
  private readonly scratchFeatures = new Float64Array(FEATURE_COUNT);
  /** Per claim: the terms of its predicate, tagged when first needed (see `saysPredicate`). */
  private readonly predicates: (Predicate | undefined)[] = [];

  constructor(claims: readonly Claim[], options: MatcherOptions = {}) {
    this.index = new ClaimIndex(claims);
    this.weights = options.weights ?? SCORE_WEIGHTS;
    // Retrieval depth in claims, not texts: the gold claim is nearly always among BM25's first 40
    // claims (CheckThat! train/dev MAP@5 the same at 100, 40 and 30 claims of one text each).
    const searched = this.index.docs.filter((d) => d.field !== 'counter' && d.field !== 'claim' && d.field !== 'title').length;
    const textsPerClaim = Math.max(1, searched / Math.max(1, claims.length));
    this.candidateLimit = options.candidates ?? Math.min(100, Math.round(40 * textsPerClaim));
    // Each sentence gets half as many (chat dev top-1 98.6% at 40 texts, 97.1% at 20).
    this.sentenceCandidates = Math.min(this.candidateLimit, 40, Math.round(20 * textsPerClaim));
    const beta = options.beta ?? 1.5;
    this.beta2 = beta * beta;
    this.coreWeight = options.coreWeight ?? 0.5;
    this.nameWeight = options.nameWeight ?? 0.4;
    this.bm25Weight = options.bm25Weight ?? 0.1;
    const docs = this.index.docs;
    this.commonPostings = Math.max(200, docs.length / 50);
    this.scores = new Float64Array(docs.length);
    this.touched = new Int32Array(docs.length);
    this.selectScratch = new Float64Array(docs.length);
    this.lengthNorm = new Float64Array(docs.map((doc) => K1 * (1 - B + (B * doc.length) / this.index.averageLength[doc.field])));
    this.queryPosition = new Int32Array(this.index.termIds.size);
    this.credits = new Float64Array(this.index.termIds.size);
  }

  /** The best `limit` claims for a text by its words alone, best first by score; claims the message shares nothing with are left out. */
  rank(text: string, limit = 5): Match[] {
    return this.rankWords(text, limit).matches.slice(0, limit);
  }

  /** The words-alone ranking, with at least the `RESCORED` best claims for the second stage. */
  rankWords(text: string, limit = 5): WordRanking {
    // Only the returned claims get a Match; the rest are scored from their accumulators (a message
    // retrieves dozens of claims, and objects per claim were most of the garbage per message).
    const collected = this.collect(text);
    const { byBm25 } = collected;
    const scores = new Float64Array(byBm25.length);
    const order = this.lexicalOrder(collected, scores);
    const kept = order.slice(0, Math.max(limit, RESCORED));
    const matches = kept.map((position) => {
      const [claimIndex, entry] = byBm25[position] as [number, Accumulated];
      const candidate = this.candidateOf(collected, claimIndex, entry, position);
      candidate.match.score = scores[position] as number;
      return candidate.match;
    });
    const claims = new Set(kept.slice(0, RESCORED).map((position) => (byBm25[position] as [number, Accumulated])[0]));
    const { clean } = collected.analysed;
    const claimOf = new Map(matches.map((match, i) => [match, (byBm25[kept[i] as number] as [number, Accumulated])[0]]));
    const unsaidPredicate = (match: Match) => {
      const claimIndex = claimOf.get(match);
      if (claimIndex === undefined || this.saysPredicate(collected, claimIndex)) return undefined;
      return (this.predicates[claimIndex] as Predicate).text;
    };
    return { matches, clean, terms: collected.distinctTerms, sharesRareWord: () => this.sharesRareWord(clean, claims), unsaidPredicate };
  }

  /** Every claim's claim text and every text a message can match best (not counter-examples). */
  searchedTexts(): string[] {
    const texts = new Set<string>();
    for (const doc of this.index.docs) {
      if (doc.field === 'counter') continue;
      texts.add((this.index.claims[doc.claim] as Claim).claim);
      texts.add(doc.text);
    }
    return [...texts];
  }

  /** Every claim retrieved for a text, with the features its score is made of (for fitting). */
  candidates(text: string): Candidate[] {
    const collected = this.collect(text);
    const scores = new Float64Array(collected.byBm25.length);
    return this.lexicalOrder(collected, scores).map((position) => {
      const [claimIndex, entry] = collected.byBm25[position] as [number, Accumulated];
      return this.candidateOf(collected, claimIndex, entry, position);
    });
  }

  /** Retained claims by first-stage score, best first; their scores written into `scores` by BM25 position. */
  private lexicalOrder(collected: Collected, scores: Float64Array): number[] {
    const order: number[] = [];
    collected.byBm25.forEach(([claimIndex, entry], position) => {
      if (!this.retained(claimIndex, entry)) return;
      const discount = this.discountOf(collected.counter.get(claimIndex) ?? 0, entry);
      let score = probability(logit(this.featuresOf(collected, claimIndex, entry, position, this.scratchFeatures), this.weights)) * discount;
      if (score > OFF_PREDICATE_CAP && !this.saysPredicate(collected, claimIndex)) score = OFF_PREDICATE_CAP;
      scores[position] = score;
      order.push(position);
    });
    this.sortByScore(order, scores, collected.byBm25);
    return order;
  }

  /**
   * Whether the message says something of what the claim says of its subject (a term of its
   * predicate beside names, see `Predicate.terms`), or the claim's predicate is unknown. Read only for claims the
   * words would answer, so a claim's text is tagged once, when a message first comes near it.
   */
  private saysPredicate(collected: Collected, claimIndex: number): boolean {
    const predicate = (this.predicates[claimIndex] ??= this.predicateOf(claimIndex)).terms;
    return predicate.length === 0 || this.saysAny(collected, predicate);
  }

  /** Whether the whole message has one of `terms` (its typos fixed). */
  private saysAny(collected: Collected, terms: readonly string[]): boolean {
    const query = (collected.wholeQuery ??= this.expand(collected.analysed.terms));
    return terms.some((term) => (query.get(term) ?? 0) > 0);
  }

  /**
   * Whether a short message says enough of a claim to be read as saying it in full ("the earth is
   * flat", "vaccines have microchips"): it would be answered if it said more, and it says both the
   * claim's subject and something beside names of what its claim text says of it. Words that
   * only name whom a claim is about ("trump khan") do not, nor words only its phrasings use
   * (fifty phrasings say most words of their story).
   */
  private saysEnough(collected: Collected, claimIndex: number, features: ArrayLike<number>): boolean {
    const lift = (this.weights[SUBSTANCE] as number) * (1 - (features[SUBSTANCE] as number));
    if (lift <= 0 || logit(features, this.weights) + lift <= 0) return false;
    const { subject, stated } = (this.predicates[claimIndex] ??= this.predicateOf(claimIndex));
    return this.saysAny(collected, subject) && this.saysAny(collected, stated);
  }

  /**
   * Whether a message says the subject of a claim of few phrasings in other words than the name
   * the reply gate asks for. When that name only qualifies the subject ("Pakistan's army chief",
   * "The State Bank of Pakistan", "The 2022 floods in Pakistan") or lies outside it ("The attack on
   * Malala Yousafzai was staged by the CIA"), saying another word of the subject does ("the army
   * chief has a huge house in the US"). When the name is the subject ("Saudi Arabia has cancelled
   * Hajj"), only a message that names nobody may leave it out, and it must say the verb of the
   * predicate ("is hajj really cancelled this year?"): a chat of one country leaves its name
   * unsaid, while a message that names someone else is about them ("khan promised to free the
   * prisoners" is not the claim that Trump promised to free Khan). Once a claim has a few
   * phrasings, they show which names are central.
   */
  private saysSubjectUnnamed(collected: Collected, claimIndex: number, subjectName: string): boolean {
    const claim = this.index.claims[claimIndex] as Claim;
    if (claim.phrasings.length >= CENTRAL_NAMES_PHRASINGS) return false;
    const predicate = (this.predicates[claimIndex] ??= this.predicateOf(claimIndex));
    const words = predicate.subject.filter((term) => !this.index.isName(term));
    if (!headsSubject(predicate.subjectText, subjectName) && this.saysAny(collected, words)) return true;
    if (collected.analysed.terms.some((term) => this.index.isName(term))) return false;
    return this.saysAny(collected, predicate.verb === undefined ? words : [predicate.verb, ...words]);
  }

  private predicateOf(claimIndex: number): Predicate {
    const claim = this.index.claims[claimIndex] as Claim;
    const { subject, predicate } = splitClaim(claim.claim);
    const subjectTerms = new Set(termsOfClean(cleanMessage(subject), this.index.splitWord));
    const said = new Set<string>();
    for (const text of [claim.claim, claim.title ?? '', ...claim.phrasings]) {
      for (const term of termsOfClean(cleanMessage(text), this.index.splitWord)) if (!subjectTerms.has(term) && !this.index.isName(term)) said.add(term);
    }
    const stated = termsOfClean(cleanMessage(predicate), this.index.splitWord).filter((term) => !subjectTerms.has(term) && !this.index.isName(term));
    // A text the tagger finds no verb in has neither subject nor verb.
    const verb = subject === '' ? undefined : termsOfClean(cleanMessage(predicate), this.index.splitWord).find((term) => !subjectTerms.has(term) && term !== WILL);
    return { terms: [...said], stated, subject: [...subjectTerms], subjectText: subject, text: predicate, verb };
  }

  private sortByScore(order: number[], scores: Float64Array, byBm25: readonly [number, Accumulated][]): void {
    const claimId = (position: number) => (this.index.claims[(byBm25[position] as [number, Accumulated])[0]] as Claim).id;
    order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || claimId(a).localeCompare(claimId(b)));
  }

  /** Whether a word of the text that is not a common English word is a term of one of `claims`' texts (its typo fixed). */
  private sharesRareWord(clean: string, claims: ReadonlySet<number>): boolean {
    for (const word of words(clean)) {
      if (isCommonWord(word)) continue;
      const term = termOf(word);
      if (term === null) continue;
      for (const [known, credit] of this.expand([term])) {
        const postings = credit > 0 ? this.index.postings.get(known) : undefined;
        if (postings === undefined) continue;
        for (let p = 0; p < postings.length; p += 2) {
          const doc = this.index.docs[postings[p] as number];
          if (doc !== undefined && doc.field !== 'counter' && claims.has(doc.claim)) return true;
        }
      }
    }
    return false;
  }

  /** What every view of a text retrieves: per claim, its best doc and features; claims by BM25. */
  private collect(text: string): Collected {
    const analysed = analyse(text, this.index.splitWord);
    // Each view costs a retrieval: a long forward is read in its first three sentences. Reading a
    // fourth, or pairs of sentences, changed neither CheckThat! train/dev MAP@5 nor chat dev figures.
    const views = [analysed.terms, ...analysed.sentences.slice(0, MAX_SENTENCE_VIEWS)];
    const best = new Map<number, Accumulated>();
    const counter = new Map<number, number>();
    for (const view of views) {
      if (view.length === 0) continue;
      const whole = view === analysed.terms;
      const query = this.expand(view);
      // The whole message gets the full candidate list; its sentences a shorter one each.
      const { docs, bm25, top } = this.retrieve(query, whole ? this.candidateLimit : this.sentenceCandidates);
      const weights = [...query].map(([term, credit]) => [term, credit, this.index.weightOf(term)] as const);
      const queryWeight = weights.reduce((sum, [, , weight]) => sum + weight, 0);
      // Which query terms a doc has is read off its term ids (no string lookups per candidate).
      const marked: number[] = [];
      weights.forEach(([term, credit], position) => {
        const id = this.index.termIds.get(term);
        if (id !== undefined) this.credits[id] = credit;
        if (credit > 0 && id !== undefined) {
          this.queryPosition[id] = position + 1;
          marked.push(id);
        }
      });
      if (this.hits.length < weights.length) this.hits = new Uint8Array(weights.length * 2);
      const cores = new Map<number, number>();
      for (let i = 0; i < docs.length; i++) {
        const retrieved = this.index.docs[docs[i] as number];
        if (retrieved === undefined) continue;
        for (let c = -1; c < retrieved.companions.length; c++) {
        const doc = c < 0 ? (docs[i] as number) : (retrieved.companions[c] as number);
        const indexed = this.index.docs[doc];
        if (indexed === undefined) continue;
        let core = cores.get(indexed.claim);
        if (core === undefined) cores.set(indexed.claim, (core = this.coreFactor(query, indexed.claim)));
        const similarity = this.similarity(weights, queryWeight, doc);
        const { recall, precision } = this;
        // A message that says a whole phrasing, and little else, is that claim however it is worded.
        const score = similarity * (core + (1 - core) * Math.max(0, (similarity - EXACT_SIMILARITY) / (1 - EXACT_SIMILARITY)));
        const relative = (bm25[i] as number) / top;
        const key = score * (this.bm25Weight + (1 - this.bm25Weight) * relative);
        if (indexed.field === 'counter') {
          if (score > 0) counter.set(indexed.claim, Math.max(counter.get(indexed.claim) ?? 0, score));
          continue;
        }
        let entry = best.get(indexed.claim);
        if (entry === undefined) {
          entry = { key: 0, score: 0, doc, similarity: 0, bm25: 0, bm25Raw: 0, similarityWhole: 0, precision: 0, recall: 0, sentenceBm25: 0, sentenceSimilarity: 0, core: 0 };
          best.set(indexed.claim, entry);
        }
        if (key > entry.key || (entry.key === 0 && score === 0 && entry.score === 0)) {
          entry.key = key;
          entry.score = score;
          entry.doc = doc;
          entry.similarity = similarity;
        }
        if (whole) {
          entry.bm25 = Math.max(entry.bm25, relative);
          entry.bm25Raw = Math.max(entry.bm25Raw, bm25[i] as number);
          entry.similarityWhole = Math.max(entry.similarityWhole, similarity);
          entry.precision = Math.max(entry.precision, precision);
          entry.recall = Math.max(entry.recall, recall);
          entry.core = core;
        } else {
          entry.sentenceBm25 = Math.max(entry.sentenceBm25, relative);
          entry.sentenceSimilarity = Math.max(entry.sentenceSimilarity, similarity);
        }
        }
      }
      for (const id of marked) this.queryPosition[id] = 0;
      for (const [term] of weights) {
        const id = this.index.termIds.get(term);
        if (id !== undefined) this.credits[id] = 0;
      }
    }
    const byBm25 = [...best.entries()].sort((a, b) => b[1].bm25 - a[1].bm25);
    let bestKey = 0;
    for (const [, entry] of byBm25) bestKey = Math.max(bestKey, entry.key);
    return { analysed, byBm25, counter, single: analysed.sentences.length === 0, bestKey: bestKey || 1, distinctTerms: new Set(analysed.terms).size };
  }

  private retained(claimIndex: number, entry: Accumulated): boolean {
    return this.index.docs[entry.doc] !== undefined && this.index.claims[claimIndex] !== undefined && (entry.score > 0 || entry.bm25 > 0);
  }

  private discountOf(counterScore: number, entry: Accumulated): number {
    return counterDiscount(counterScore, entry.score);
  }

  /** The score features of a claim `position`-th by BM25 (see `FEATURE_NAMES`), written into `out`. */
  private featuresOf<T extends number[] | Float64Array>(collected: Collected, claimIndex: number, entry: Accumulated, position: number, out: T): T {
    const { single } = collected;
    out[0] = entry.similarityWhole;
    out[1] = entry.precision;
    out[2] = entry.recall;
    out[3] = single ? entry.similarityWhole : entry.sentenceSimilarity;
    out[4] = entry.core;
    out[5] = entry.score;
    out[6] = Math.log1p(entry.bm25Raw);
    out[7] = entry.bm25;
    out[8] = single ? entry.bm25 : entry.sentenceBm25;
    out[9] = 1 / (position + 1);
    const contentRecall = this.contentRecallOf(collected, entry.doc);
    out[NAME_COVERAGE] = this.gateCoverageOf(collected, claimIndex, entry, contentRecall);
    out[11] = entry.key / collected.bestKey;
    out[12] = contentRecall;
    out[13] = Math.min(SUBSTANCE_TERMS, collected.distinctTerms) / SUBSTANCE_TERMS;
    out[14] = 1;
    if (collected.distinctTerms < SUBSTANCE_TERMS && this.saysEnough(collected, claimIndex, out)) out[13] = 1;
    return out;
  }

  /**
   * How much of what a claim's best text says beside its names the message says too: the idf
   * share of the text's other terms that the message has (1 for a text of names alone). Names
   * tell whom a message is about; "Trump will put tariffs on Pakistan" shares them with "Trump
   * will pressure Pakistan to free Khan" and nothing else.
   */
  private contentRecallOf(collected: Collected, docNumber: number): number {
    const doc = this.index.docs[docNumber];
    if (doc === undefined || doc.contentWeight === 0) return 1;
    let credits = collected.wholeCredits;
    if (credits === undefined) {
      credits = new Map();
      for (const [term, credit] of (collected.wholeQuery ??= this.expand(collected.analysed.terms))) {
        const id = this.index.termIds.get(term);
        if (id !== undefined && credit > 0) credits.set(id, credit);
      }
      collected.wholeCredits = credits;
    }
    let matched = 0;
    const { terms } = doc;
    for (let t = 0; t < terms.length; t++) {
      const id = terms[t] as number;
      if (this.index.nameById[id] === 1) continue;
      const credit = credits.get(id);
      if (credit !== undefined) matched += (this.index.idfById[id] as number) * credit;
    }
    return Math.min(1, matched / doc.contentWeight);
  }

  private candidateOf(collected: Collected, claimIndex: number, entry: Accumulated, position: number): Candidate {
    const indexed = this.index.docs[entry.doc] as IndexedDoc;
    const claim = this.index.claims[claimIndex] as Claim;
    const counterScore = collected.counter.get(claimIndex) ?? 0;
    const discount = this.discountOf(counterScore, entry);
    const features = this.featuresOf(collected, claimIndex, entry, position, new Array<number>(FEATURE_COUNT).fill(0));
    // The score's name feature is the reply gate's coverage.
    const nameCoverage = features[NAME_COVERAGE] as number;
    const match: Match = { claim, score: 0, similarity: entry.score, matchedText: indexed.text, field: indexed.field, counterScore, nameCoverage };
    return { match, features, discount };
  }

  /**
   * The share of a claim's central names the message says (1 for a whole phrasing said, or a
   * claim without phrasings). Saying a whole phrasing names the claim, whether or not that
   * phrasing names anyone. Which names are central is read off a claim's phrasings: a claim of one
   * text (an imported fact-check) may name someone in passing, and asking for the name then
   * silenced right replies (CheckThat! train, gold withheld from every other tweet: reply recall
   * 0.51 -> 0.62 at the same precision).
   */
  private namesOf(collected: Collected, claimIndex: number, entry: Accumulated): number {
    const claim = this.index.claims[claimIndex] as Claim;
    if (entry.similarity >= EXACT_SIMILARITY || claim.phrasings.length === 0) return 1;
    return this.nameCoverage((collected.wholeQuery ??= this.expand(collected.analysed.terms)), claimIndex);
  }

  /**
   * The reply gate's name coverage (see `Match.nameCoverage`). A claim's names are all central
   * when it has one phrasing, so the plain share would hold off "imported hakumat = amreeki
   * sazish + generals" for naming neither Khan nor Pakistan; the subject and what else the
   * message says tell whom it is about, however many phrasings the claim has.
   */
  private gateCoverageOf(collected: Collected, claimIndex: number, entry: Accumulated, contentRecall: number): number {
    const share = this.namesOf(collected, claimIndex, entry);
    const claim = this.index.claims[claimIndex] as Claim;
    const { subject, mentioned } = this.index.names[claimIndex] ?? { subject: undefined, mentioned: new Set<string>() };
    if (subject === undefined || claim.phrasings.length === 0) return share;
    const query = (collected.wholeQuery ??= this.expand(collected.analysed.terms));
    const subjectPerson = personOf(subject);
    // Saying a whole phrasing names the claim, whether or not that phrasing names its subject.
    const exact = entry.similarity >= EXACT_SIMILARITY;
    if (!exact && personCredit(query, subjectPerson) < MIN_SUBJECT_CREDIT && !this.saysSubjectUnnamed(collected, claimIndex, subject)) return 0;
    // Names alone state nothing ("amreeka aur khan", "trump aur imran"): no claim to correct.
    if (!exact && (collected.namesOnly ??= collected.analysed.terms.every((term) => this.index.isName(term)))) return 0;
    // Names the message says as written (one the knowledge base has never seen has no credit in the query).
    let others = false;
    let stranger = false;
    for (const term of collected.analysed.terms) {
      if (!this.index.isName(term) || personOf(term) === subjectPerson) continue;
      if (mentioned.has(term)) others = true;
      else if ((SAME_PERSON.get(term)?.sureness ?? 1) === 1) stranger = true;
    }
    // "Modi ordered the army to attack Canada" is not about the claim that he ordered it against Pakistan.
    if (stranger && !others) return 0;
    // Which names are central is read off a claim's phrasings once it has a few; before that, a
    // message the claim explains for the most part, or that says most of what it says, is taken to be about it.
    if (exact || (claim.phrasings.length < CENTRAL_NAMES_PHRASINGS && (entry.precision >= TOPICAL_PRECISION || contentRecall >= TOPICAL_RECALL))) return 1;
    return share;
  }

  /** Message terms with their credit, typos mapped onto known terms. */
  private expand(terms: readonly string[]): QueryTerms {
    const query: QueryTerms = new Map();
    for (const term of terms) {
      if (this.index.postings.has(term)) {
        query.set(term, 1);
        continue;
      }
      const expansion = isCommonKey(term) ? undefined : this.index.fuzzy.expand(term);
      if (expansion !== undefined && (query.get(expansion.term) ?? 0) < expansion.credit) {
        query.set(expansion.term, expansion.credit);
      } else if (!query.has(term)) {
        query.set(term, 0);
      }
    }
    return query;
  }

  /** Doc numbers of the best BM25 candidates for a query. */
  private retrieve(query: QueryTerms, limit: number): { docs: number[]; bm25: number[]; top: number } {
    const { scores, touched } = this;
    let count = 0;
    // Terms in a large share of the texts barely move BM25 but cost the most to walk; they still
    // count in the similarity of the candidates that the rarer terms retrieve.
    let rare = 0;
    for (const [term, credit] of query) {
      const length = (this.index.postings.get(term)?.length ?? 0) / 2;
      if (credit > 0 && length > 0 && length <= this.commonPostings) rare++;
    }
    for (const [term, credit] of query) {
      if (credit === 0) continue;
      const postings = this.index.postings.get(term);
      if (postings === undefined || (rare >= 2 && postings.length / 2 > this.commonPostings)) continue;
      const idf = (this.index.idf.get(term) ?? 0) * credit * (K1 + 1);
      for (let p = 0; p < postings.length; p += 2) {
        const doc = postings[p] as number;
        const tf = postings[p + 1] as number;
        if (scores[doc] === 0) touched[count++] = doc;
        scores[doc] = (scores[doc] as number) + (idf * tf) / (tf + (this.lengthNorm[doc] as number));
      }
    }
    let threshold = 0;
    if (count > limit) {
      // A view of scratch space reused by every retrieval (no array allocated per message).
      const values = this.selectScratch.subarray(0, count);
      for (let i = 0; i < count; i++) values[i] = scores[touched[i] as number] as number;
      threshold = kthLargest(values, limit);
    }
    const docs: number[] = [];
    const bm25: number[] = [];
    let top = 0;
    // Every text above the cut-off first, then texts tied at it (in index order) while room is
    // left: filling in index order alone let ties found first crowd out higher texts found later.
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < count && docs.length < limit; i++) {
        const doc = touched[i] as number;
        const score = scores[doc] as number;
        if (pass === 0 ? score > threshold || threshold === 0 : score === threshold) {
          docs.push(doc);
          bm25.push(score);
          top = Math.max(top, score);
        }
      }
      if (threshold === 0) break;
    }
    for (let i = 0; i < count; i++) scores[touched[i] as number] = 0;
    return { docs, bm25, top };
  }

  /** Share of a claim's core name weight that the query mentions (1 when the claim has no core names). */
  private nameCoverage(query: QueryTerms, claim: number, weighSureness = true): number {
    const core = this.index.cores[claim];
    if (core === undefined || core.nameWeight === 0) return 1;
    let covered = 0;
    for (const { weight, parts } of this.peopleOf(claim)) {
      let credit = 0;
      for (const { term, sureness } of parts) credit = Math.max(credit, (query.get(term) ?? 0) * (weighSureness ? sureness : 1));
      covered += weight * credit;
    }
    return covered / core.nameWeight;
  }

  /**
   * The people a claim's core names: a person named by either part of their name counts as named,
   * with the weight of both parts. Grouped once per claim, in the order the names come.
   */
  private peopleOf(claim: number): readonly Person[] {
    let people = this.people.get(claim);
    if (people !== undefined) return people;
    const byPerson = new Map<string, Person>();
    for (const [term, weight] of this.index.cores[claim]?.names ?? []) {
      const part = SAME_PERSON.get(term);
      const person = part?.person ?? term;
      let entry = byPerson.get(person);
      if (entry === undefined) byPerson.set(person, (entry = { weight: 0, parts: [] }));
      entry.weight += weight;
      entry.parts.push({ term, sureness: part?.sureness ?? 1 });
    }
    people = [...byPerson.values()];
    this.people.set(claim, people);
    return people;
  }

  /** Mark-down for a message that lacks what a claim's texts have in common (its core terms). */
  private coreFactor(query: QueryTerms, claim: number): number {
    const core = this.index.cores[claim];
    if (core === undefined || core.weight === 0) return 1;
    let covered = 0;
    // The query's credits are laid out by term id for the view being scored (see `candidates`).
    const { termIds, termWeights } = core;
    for (let i = 0; i < termIds.length; i++) covered += (termWeights[i] as number) * (this.credits[termIds[i] as number] as number);
    // Scoring counts any part of a name; only the reply gate asks how surely it names the person.
    const names = 1 - this.nameWeight + this.nameWeight * this.nameCoverage(query, claim, false);
    return (1 - this.coreWeight + (this.coreWeight * covered) / core.weight) * names;
  }

  /** Weighted F-measure of claim-word coverage (recall) and message-word coverage (precision). */
  private similarity(query: readonly (readonly [string, number, number])[], queryWeight: number, docNumber: number): number {
    // Recall and precision are left in `this.recall` and `this.precision` (no object per doc scored).
    this.recall = 0;
    this.precision = 0;
    const doc = this.index.docs[docNumber];
    if (doc === undefined || doc.weight === 0) return 0;
    const { queryPosition, hits } = this;
    let found = false;
    const { terms } = doc;
    for (let t = 0; t < terms.length; t++) {
      const position = queryPosition[terms[t] as number] as number;
      if (position > 0) {
        hits[position - 1] = 1;
        found = true;
      }
    }
    let matched = 0;
    // Summed in query order, as the weights are listed.
    if (found) {
      for (let i = 0; i < query.length; i++) {
        if (hits[i] === 0) continue;
        hits[i] = 0;
        const [, credit, weight] = query[i] as readonly [string, number, number];
        matched += weight * credit;
      }
    }
    if (matched === 0 || queryWeight === 0) return 0;
    const recall = Math.min(1, matched / doc.weight);
    const precision = matched / queryWeight;
    this.recall = recall;
    this.precision = precision;
    return ((1 + this.beta2) * precision * recall) / (this.beta2 * precision + recall);
  }
}

/** Whom a name term names: a part of a person's name stands for the person ("khan" for Imran Khan). */
function personOf(term: string): string {
  return SAME_PERSON.get(term)?.person ?? term;
}

/** How surely a query names a person (1 by a sure part of the name, less by "Khan" alone or a typo). */
// The future's auxiliary, which stands before a predicate's verb ("will shut down the internet").
const WILL = termOf('will') as string;
// Words after which a name qualifies what it follows: "The State Bank of Pakistan", "floods in Pakistan".
const QUALIFYING = new Set(['of', 'in', 'from', 'on', 'at', 'for']);

/**
 * Whether a name is the head of a claim's subject as written, not a word qualifying it ("Pakistan"
 * of "Pakistan's army chief" or "The State Bank of Pakistan"), nor absent from it. A subject the
 * tagger could not find ('') is taken to be the name's.
 */
function headsSubject(subjectText: string, name: string): boolean {
  if (subjectText === '') return true;
  const list = subjectText.toLowerCase().split(/\s+/u);
  for (let i = 0; i < list.length; i++) {
    const token = list[i] as string;
    const bare = token.replace(/['’]s?$/u, '').replace(/[^\p{L}\p{N}]+/gu, '');
    if (bare === '' || termOf(bare) !== name) continue;
    const qualified = /['’]s?$/u.test(token) || QUALIFYING.has(list[i - 1] ?? '') || (list[i - 1] === 'the' && QUALIFYING.has(list[i - 2] ?? ''));
    if (!qualified) return true;
  }
  return false;
}

function personCredit(query: QueryTerms, person: string): number {
  let credit = query.get(person) ?? 0;
  for (const [part, { person: whose, sureness }] of SAME_PERSON) if (whose === person) credit = Math.max(credit, (query.get(part) ?? 0) * sureness);
  return credit;
}

/**
 * A moderator said messages like this are not about the claim (a counter-example scores at least
 * as high as its best text): let other claims rank first.
 */
export function counterDiscount(counterScore: number, similarity: number): number {
  return counterScore >= similarity && counterScore > 0 ? COUNTER_EXAMPLE_DISCOUNT : 1;
}

/** The k-th largest value (1-based) of an array, which it reorders: quickselect, linear on average. */
function kthLargest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  const target = values.length - k;
  while (low < high) {
    const pivot = values[(low + high) >>> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] as number;
}
