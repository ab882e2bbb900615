import { EQUIVALENTS } from './equivalents.js';
import { NUMBER_WITH_UNIT, foldNumbersAndUnits, foldsAsNumber, isUnit } from './number-words.js';
import { stem } from './stem.js';
import { STOP_WORDS } from './stop-words.js';

const SEPARATORS = /[\s,;!?()[\]{}"`<>|*]+/u;
/** Trailing "." or ":" ends a sentence, not an identifier; a leading "-" may start a flag. */
const EDGES = /^[^\p{L}\p{N}_-]+|[^\p{L}\p{N}_%]+$/gu;
/** Numbers, versions, paths, snake_case, dotted names, camelCase and CLI flags name one exact thing. */
const IDENTIFIER = /[\p{N}_./:@#$%=]|\p{Ll}\p{Lu}|^-/u;
const CAMEL_CASE = /\p{Ll}\p{Lu}/u;
/**
 * Product names written in mixed case are words, not identifiers: "PostgreSQL" is "postgresql".
 * Any other camelCase token stays an exact identifier (getUser and getUsers are two functions).
 */
const MIXED_CASE_NAMES: ReadonlySet<string> = new Set([
  'postgresql', 'openai', 'bigquery', 'dynamodb', 'mongodb', 'mysql', 'clickhouse', 'github', 'gitlab', 'pyspark',
  'javascript', 'typescript', 'graphql', 'hubspot', 'youtube', 'pagerduty', 'linkedin', 'redshift', 'netsuite', 'quickbooks',
  'sendgrid', 'mailchimp', 'salesforce', 'snowflake', 'databricks', 'dagster', 'duckdb', 'sqlite', 'kinesis', 'pubsub',
]);
const CONTRACTED_NOT = /n['’]t$/iu;
const HYPHENATED = /^\p{L}+(?:-\p{L}+)+$/u;

/** Every spelling of "not" is one word, so "do X" and "do not X" differ in exactly that word. */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'cannot', 'avoid', 'dont', 'doesnt', 'didnt', 'shouldnt', 'isnt', 'arent', 'wasnt', 'wont', 'cant',
]);
const NEGATION_PHRASES = ['instead of', 'rather than'];


/**
 * Words that say nothing a one-line fact depends on ("Always X" is "X"). They still count in the
 * similarity shown to users, but two memories that differ only in them are one fact. "to" is here
 * because "set it to 30s" / "set it 30s" are one fact, while "from" is not: "from A to B" and
 * "to A from B" must differ, and the kept "from" tells them apart.
 */
const FILLER_WORDS = ['always', 'just', 'also', 'simply', 'please', 'should', 'must', 'we', 'our', 'us', 'you', 'your', 'every', 'to'];

/** Stop words that carry direction or choice in a fact, so they are kept. */
const KEPT_STOP_WORDS: ReadonlySet<string> = new Set(['from', 'to', 'into', 'or']);

/**
 * Words repeat across memories, and the near-duplicate index folds every memory of a store on
 * first use: remembering what a raw piece and a word fold to made that build at 100,000
 * memories several times cheaper (and each word one shared string). Both functions are pure;
 * the memo is dropped when it grows past MEMO_MAX, so an unusual store cannot grow it unbounded.
 */
const MEMO_MAX = 50_000;
const PIECES = new Map<string, readonly string[]>();
const FOLDED = new Map<string, string>();

/**
 * A memory as the ordered words of the fact it states, for near-duplicate detection: case,
 * punctuation, stop words, plural and verb forms, number words ("three" → 3), unit spellings
 * ("30 s" → 30s), hyphenation and the spellings in equivalents.ts are folded away, while order,
 * numbers, identifiers (kept whole), named things and polarity ("not") remain.
 */
export function factTokens(content: string): string[] {
  return keptTokens(foldPhrases(surfaceWords(content)));
}

/** What one raw piece of a content (split at SEPARATORS) adds to a fact, folded once per distinct piece. */
interface PieceFacts {
  /** Whether its words hold a number word or a unit (folded across pieces), or start a phrase. */
  acrossPieces: boolean;
  /** Its words that stay in factTokens (stop words dropped). */
  kept: readonly string[];
  /** Its words that stay in Fact.core, joined by spaces ('' for none). */
  core: string;
}

const PIECE_FACTS = new Map<string, PieceFacts>();

/**
 * coreOf(factTokens(content)) without re-folding each word: a piece's part of the core is kept
 * per distinct piece, and only a content holding a number word, a unit or a phrase's first word
 * (which fold across pieces) takes the whole path. The near-duplicate index keys every memory of
 * a store by its core on first use: 100,000 at once when a big store first meets the archive cap
 * (npm run bench "first add over the cap").
 */
export function factCore(content: string, coreOf: (tokens: readonly string[]) => string): string {
  const pieces = piecesOf(content, coreOf);
  if (pieces === undefined) return coreOf(factTokens(content));
  let core = '';
  for (const piece of pieces) if (piece.core !== '') core = core === '' ? piece.core : `${core} ${piece.core}`;
  return core;
}

/**
 * The distinct words of factTokens(content), by the same per-piece path as factCore: the
 * near-duplicate index posts every active memory under its words on its first related-memory
 * look-up, and folding each of 100,000 contents whole was most of that build's garbage.
 */
export function factWords(content: string, coreOf: (tokens: readonly string[]) => string): string[] {
  const pieces = piecesOf(content, coreOf);
  if (pieces === undefined) return [...new Set(factTokens(content))];
  const words: string[] = [];
  // A fact is a few words: a scan of them costs less than a Set.
  for (const piece of pieces) for (const word of piece.kept) if (!words.includes(word)) words.push(word);
  return words;
}

/** The facts of each raw piece of `content`; undefined when one of them folds across pieces (see PieceFacts). */
function piecesOf(content: string, coreOf: (tokens: readonly string[]) => string): PieceFacts[] | undefined {
  const text = content.includes(',') ? content.replace(/(\d),(?=\d{3}\b)/gu, '$1') : content;
  const pieces: PieceFacts[] = [];
  for (const raw of text.split(SEPARATORS)) {
    const piece = remembered(PIECE_FACTS, raw, (key) => pieceFacts(key, coreOf));
    if (piece.acrossPieces) return undefined;
    pieces.push(piece);
  }
  return pieces;
}

function pieceFacts(raw: string, coreOf: (tokens: readonly string[]) => string): PieceFacts {
  const pieces = splitPiece(raw);
  const byFirst = phrasesByFirstWord();
  const numbersOrUnits = pieces.some(foldsAsNumber);
  const words = pieces.map((piece) => remembered(FOLDED, piece, foldWord));
  const kept = keptTokens(words);
  return { acrossPieces: numbersOrUnits || words.some((word) => byFirst.has(word)), kept, core: coreOf(kept) };
}

/** Stop words dropped but those that carry direction or choice; "into" is "to". */
function keptTokens(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (word === 'into') out.push('to');
    else if (KEPT_STOP_WORDS.has(word) || !STOP_WORDS.has(word)) out.push(word);
  }
  return out;
}

let filler: ReadonlySet<string> | undefined;

/** Words of `factTokens` that two memories may differ in and still state one fact (made on first use, like the phrases below). */
export const fillerWords = (): ReadonlySet<string> => (filler ??= new Set(FILLER_WORDS.flatMap((word) => surfaceWords(word))));

/** Lower-cased, stemmed words with numbers and units folded; stop words still in place (phrases need them). */
function surfaceWords(content: string): string[] {
  const pieces: string[] = [];
  // Most memories hold no number word and no unit: their folds are skipped, not run as no-ops
  // (the near-duplicate index folds every memory of a store on first use).
  let numbersOrUnits = false;
  const text = content.includes(',') ? content.replace(/(\d),(?=\d{3}\b)/gu, '$1') : content;
  for (const raw of text.split(SEPARATORS)) {
    for (const piece of remembered(PIECES, raw, splitPiece)) {
      pieces.push(piece);
      if (!numbersOrUnits && foldsAsNumber(piece)) numbersOrUnits = true;
    }
  }
  const words = numbersOrUnits ? foldNumbersAndUnits(pieces) : pieces;
  for (let i = 0; i < words.length; i++) words[i] = remembered(FOLDED, words[i]!, foldWord);
  return words;
}

function remembered<T>(memo: Map<string, T>, key: string, make: (key: string) => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, (value = make(key)));
  }
  return value;
}

function splitPiece(raw: string): string[] {
  const out: string[] = [];
  pushPieces(raw, out);
  return out;
}

function pushPieces(raw: string, out: string[]): void {
  if (CONTRACTED_NOT.test(raw)) {
    out.push('not');
    return;
  }
  const token = raw.replace(/['’]/gu, '').replace(EDGES, '');
  if (!/[\p{L}\p{N}]/u.test(token)) return;
  const lower = token.toLowerCase();
  const fused = NUMBER_WITH_UNIT.exec(lower);
  if (fused && lower.endsWith('k') && fused[2] === 'k') out.push(String(Number(fused[1]) * 1_000));
  else if (fused && isUnit(fused[2]!)) out.push(fused[1]!, fused[2]!);
  else if (HYPHENATED.test(token)) {
    // Parts as separate words ("order-lookup" is "order lookup"); equivalents.ts joins the
    // compounds usually written as one word ("back-off", "back off" → backoff).
    const parts = lower.split('-');
    if (parts[0] === 'non') out.push('not', parts.slice(1).join(''));
    else out.push(...parts);
  } else if (MIXED_CASE_NAMES.has(lower)) out.push(lower);
  else if (IDENTIFIER.test(token)) out.push(CAMEL_CASE.test(token) ? token : lower);
  else if (/^\p{L}+$/u.test(token)) out.push(lower);
  else out.push(...lower.split(/[^\p{L}]+/u).filter((part) => part !== ''));
}


function foldWord(word: string): string {
  if (NEGATIONS.has(word)) return 'not';
  if (!/^[a-z]+$/.test(word) || STOP_WORDS.has(word)) return word;
  // British and American spellings: normalise / normalize, optimising / optimizing.
  return stem(word.replace(/([a-z]{3})is(e|es|ed|ing|ation|ations)$/u, '$1iz$2'));
}

export interface Phrase {
  words: readonly string[];
  canonical: readonly string[];
}

/**
 * phraseTable() as scripts/build.mjs made it (scripts/build/phrase-table.mjs), from this same
 * code and data, as JSON; absent when run from source. Folding every phrase of the table cost the
 * first capture of a hook process ~5-17 ms (its first stem() calls run cold; issue #17 point 2).
 * A string, not the table itself: esbuild defines an object in a module of its own, which every
 * module of the bundle then initialises first.
 */
declare const BUILT_PHRASE_TABLE: string | undefined;

/**
 * The phrases under their first word, made on first use, not at load: a process that never
 * compares facts (a Claude Code hook that only reads) needs none of it.
 */
let phrasesByFirst: ReadonlyMap<string, readonly Phrase[]> | undefined;

function phrasesByFirstWord(): ReadonlyMap<string, readonly Phrase[]> {
  phrasesByFirst ??= new Map(typeof BUILT_PHRASE_TABLE === 'string' ? (JSON.parse(BUILT_PHRASE_TABLE) as Array<[string, Phrase[]]>) : phraseTable());
  return phrasesByFirst;
}

/**
 * Each phrase's first word and the phrases starting with it, longest first, so "every day" is
 * read as "daily" before "every" is read alone. Pure: the build runs it once to embed the result.
 */
export function phraseTable(): Array<[string, Phrase[]]> {
  const phrases: Phrase[] = [
    ...NEGATION_PHRASES.map((phrase) => ({ words: surfaceWords(phrase), canonical: ['not'] })),
    ...EQUIVALENTS.flatMap(([canonical, ...variants]) =>
      variants.map((variant) => ({ words: surfaceWords(variant), canonical: surfaceWords(canonical!) }))),
  ].sort((a, b) => b.words.length - a.words.length);
  const byFirst = new Map<string, Phrase[]>();
  for (const phrase of phrases) {
    const first = phrase.words[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
  }
  return [...byFirst];
}

function foldPhrases(words: readonly string[]): string[] {
  const byFirst = phrasesByFirstWord();
  if (!words.some((word) => byFirst.has(word))) return words as string[];
  const out: string[] = [];
  for (let at = 0; at < words.length;) {
    const match = byFirst.get(words[at]!)?.find((phrase) => phrase.words.every((word, i) => words[at + i] === word));
    if (match) {
      out.push(...match.canonical);
      at += match.words.length;
    } else out.push(words[at++]!);
  }
  return out;
}
