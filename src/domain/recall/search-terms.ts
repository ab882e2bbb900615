import { stem } from './stem.js';
import { STOP_WORDS } from './stop-words.js';

/**
 * Splits text into words for the search index. Underscores stay inside a word so a snake_case
 * identifier survives whole (processTerm then adds its parts); everything else that is
 * not a letter or digit separates: "retries=3" → retries, 3; "s3://raw/events" → s3, raw,
 * events. An agent name with an underscore is one identifier, kept whole (a query for it yields
 * it whole, and "data" must not match every memory of data_engineer); any other agent name is
 * words like any text, so "database" or "etl-pipeline" is found as a query would write it.
 */
export function tokenize(text: string, fieldName?: string): string[] {
  if (fieldName === 'agent' && text.includes('_')) return [text];
  return text.split(/[^\p{L}\p{N}_]+/u).filter((token) => token !== '');
}

/**
 * Lower-cases and stems one token, the same way for indexing and for queries (the index
 * calls it for both). "idx_orders_date" yields itself plus "idx", "order", "date", so the
 * exact identifier ranks first while its parts still match. Stop words and single
 * letters are dropped: they would make every memory a weak match.
 */
export function processTerm(token: string, fieldName?: string): string | string[] | null {
  const term = lowerCased(token);
  if (fieldName === 'agent' && term.includes('_')) return term;
  if (!term.includes('_')) return isWord(term) ? stem(term) : null;
  return [term, ...term.split('_').filter(isWord).map(stem)];
}

type ProcessTerm = typeof processTerm;

/**
 * processTerm with a memo, one per index: memories repeat most of their words, and
 * stemming every occurrence again made building an index of 10,000 memories twice as
 * slow. Bounded, because queries (typos included) pass through it too.
 */
export function memoizedProcessTerm(limit = 50_000): ProcessTerm {
  const memo = new Map<string, ReturnType<ProcessTerm>>();
  return (token, fieldName) => {
    const key = fieldName === 'agent' ? `agent:${token}` : token;
    let terms = memo.get(key);
    if (terms === undefined) {
      if (memo.size >= limit) memo.clear();
      terms = processTerm(token, fieldName);
      memo.set(key, terms);
    }
    return terms;
  };
}

/** Every term of a text, as the index sees it. */
export function termsOf(text: string): string[] {
  return tokenize(text).flatMap((token) => processTerm(token) ?? []);
}

/**
 * A text's tokens as processTerm makes them, stop words and single letters kept as they are: what
 * a query is read as to spot a table phrase in it, so "on-call" is spotted as "on call", never
 * in every query holding "call", and "out of memory" needs its "of".
 */
export function mentionTermsOf(text: string): string[] {
  return tokenize(text).map((token) => {
    const term = lowerCased(token);
    return term.includes('_') || !isWord(term) ? term : stem(term);
  });
}

/** A token lower-cased, without the underscores around it (the one spelling processTerm and mentionTermsOf read). */
const lowerCased = (token: string): string => token.toLowerCase().replace(/^_+|_+$/g, '');

function isWord(term: string): boolean {
  return (term.length > 1 || /\d/.test(term)) && !STOP_WORDS.has(term);
}
