import { NUMBER_WITH_UNIT, foldNumbersAndUnits, foldsAsNumber, isUnit } from './number-words.js';
import { stem } from './stem.js';
import { STOP_WORDS } from './stop-words.js';

// The word level of a fact (fact-tokens.ts): a content split into raw pieces, each piece into
// words, each word folded (case, "not", stems, British spellings), numbers and units folded.

export const SEPARATORS = /[\s,;!?()[\]{}"`<>|*]+/u;
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
  'sagemaker', 'cloudwatch', 'quicksight', 'dataform',
]);
const CONTRACTED_NOT = /n['’]t$/iu;
const HYPHENATED = /^\p{L}+(?:-\p{L}+)+$/u;
/** "10-minute" is "10 minute" when the word after the hyphen is a unit (see isUnit). */
const NUMBER_HYPHEN_WORD = /^(\d+(?:\.\d+)?)-([a-z]+)$/;
/** A dotted version with its "v": "v2.8" is "2.8". Not "v8" alone, which names things (the V8 engine). */
const V_VERSION = /^v(\d+(?:\.\d+)+)$/;
/** Spaces around "=" in a setting: "acks = all" is "acks=all". */
const SPACED_EQUALS = /(?<=[\p{L}\p{N}_.\]])\s*=\s*(?=[\p{L}\p{N}_"'-])/gu;

/** Every spelling of "not" is one word, so "do X" and "do not X" differ in exactly that word. */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'cannot', 'avoid', 'dont', 'doesnt', 'didnt', 'shouldnt', 'isnt', 'arent', 'wasnt', 'wont', 'cant',
]);

/**
 * Words repeat across memories, and the near-duplicate index folds every memory of a store on
 * first use: remembering what a raw piece and a word fold to made that build at 100,000
 * memories several times cheaper (and each word one shared string). Both functions are pure;
 * the memo is dropped when it grows past MEMO_MAX, so an unusual store cannot grow it unbounded.
 */
const MEMO_MAX = 50_000;
const PIECES = new Map<string, readonly string[]>();
export const FOLDED = new Map<string, string>();

/** Lower-cased, stemmed words with numbers and units folded; stop words still in place (phrases need them). */
export function surfaceWords(content: string): string[] {
  const pieces: string[] = [];
  // Most memories hold no number word and no unit: their folds are skipped, not run as no-ops
  // (the near-duplicate index folds every memory of a store on first use).
  let numbersOrUnits = false;
  for (const raw of rawPieces(content)) {
    for (const piece of remembered(PIECES, raw, splitPiece)) {
      pieces.push(piece);
      if (!numbersOrUnits && foldsAsNumber(piece)) numbersOrUnits = true;
    }
  }
  const words = numbersOrUnits ? foldNumbersAndUnits(pieces) : pieces;
  for (let i = 0; i < words.length; i++) words[i] = remembered(FOLDED, words[i]!, foldWord);
  return words;
}

/**
 * A content split at SEPARATORS, once the spellings that span a separator are made one: thousands
 * separators ("10,000") and spaces around "=" ("acks = all").
 */
export function rawPieces(content: string): string[] {
  let text = content.includes(',') ? content.replace(/(\d),(?=\d{3}\b)/gu, '$1') : content;
  if (text.includes('=')) text = text.replace(SPACED_EQUALS, '=');
  return text.split(SEPARATORS);
}

/** `make(key)`, kept in `memo`, which is dropped whole once it holds `max` entries. */
export function remembered<T>(memo: Map<string, T>, key: string, make: (key: string) => T, max = MEMO_MAX): T {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= max) memo.clear();
    memo.set(key, (value = make(key)));
  }
  return value;
}

export function splitPiece(raw: string): string[] {
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
  const hyphened = lower.includes('-') ? NUMBER_HYPHEN_WORD.exec(lower) : null;
  const version = lower.startsWith('v') ? V_VERSION.exec(lower) : null;
  if (hyphened && isUnit(hyphened[2]!)) out.push(hyphened[1]!, hyphened[2]!);
  else if (version) out.push(version[1]!);
  else if (fused && lower.endsWith('k') && fused[2] === 'k') out.push(String(Number(fused[1]) * 1_000));
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

export function foldWord(word: string): string {
  if (NEGATIONS.has(word)) return 'not';
  if (!/^[a-z]+$/.test(word) || STOP_WORDS.has(word)) return word;
  // British and American spellings: normalise / normalize, optimising / optimizing.
  return stem(word.replace(/([a-z]{3})is(e|es|ed|ing|ation|ations)$/u, '$1iz$2'));
}
