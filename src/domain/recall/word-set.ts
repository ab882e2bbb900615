import { stem } from './stem.js';
import { STOP_WORDS } from './stop-words.js';

/**
 * Numbers, versions, paths, snake_case, dotted names, camelCase and CLI flags name one
 * exact thing: "port 5432" and "port 5433" are two memories however alike the rest is.
 */
const IDENTIFIER = /[\p{N}_./:@#$%=]|\p{Ll}\p{Lu}|^-/u;
const CAMEL_CASE = /\p{Ll}\p{Lu}/u;
/** Most tokens are plain words; testing for that first skips the identifier and punctuation rules. */
const PLAIN_WORD = /^[A-Za-z]+$/;
/** Every spelling of "not" (don't, can't, never, no) folds into one word: the meaning is the same. */
const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'cannot']);
const CONTRACTED_NOT = /n['’]t$/iu;
const SEPARATORS = /[\s,;!?()[\]{}"`<>|*]+/u;
/** Trailing "." or ":" ends a sentence, not an identifier; a leading "-" may start a flag. */
const EDGES = /^[^\p{L}\p{N}_-]+|[^\p{L}\p{N}_%]+$/gu;

/**
 * Whether a word must be present in both memories for them to be duplicates: an
 * identifier (see IDENTIFIER) or a negation ("do X" vs "do not X").
 */
export function isDistinguishing(word: string): boolean {
  return word === 'not' || word === 'without' || IDENTIFIER.test(word);
}

/**
 * The words of a memory, for near-duplicate detection: lower-cased, stripped of
 * punctuation and stop words, stemmed ("order lookups." → {order, lookup}). Identifiers
 * are kept whole and unstemmed; camelCase ones keep their case, because lower-casing
 * would hide that they are identifiers (getUser vs getUsers must stay distinct).
 * Hyphenated words split into their parts ("real-time" → {real, time}).
 */
export function wordSet(content: string): Set<string> {
  const words = new Set<string>();
  for (const raw of content.split(SEPARATORS)) {
    if (PLAIN_WORD.test(raw) && !CAMEL_CASE.test(raw)) {
      addWord(words, raw.toLowerCase());
      continue;
    }
    if (CONTRACTED_NOT.test(raw)) {
      words.add('not');
      continue;
    }
    const token = raw.replace(/['’]/gu, '').replace(EDGES, '');
    if (!/[\p{L}\p{N}]/u.test(token) || STOP_WORDS.has(token.toLowerCase())) continue;
    if (IDENTIFIER.test(token)) words.add(CAMEL_CASE.test(token) ? token : token.toLowerCase());
    else for (const part of token.toLowerCase().split(/[^\p{L}]+/u)) if (part !== '') addWord(words, part);
  }
  return words;
}

function addWord(words: Set<string>, word: string): void {
  if (NEGATIONS.has(word)) words.add('not');
  else if (!STOP_WORDS.has(word)) words.add(stem(word));
}
