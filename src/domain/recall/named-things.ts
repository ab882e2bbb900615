import { foldWord } from './surface-words.js';

// A named thing and the word for its kind, in either order: "the payments.authorizations Kafka
// topic" and "the Kafka topic payments.authorizations" name one topic. Moving the name past its
// kind's words changes no value's pairing: only plain words are crossed, never a number, another
// name, "not" or a word of direction.

/**
 * Names: identifiers with a separator and a letter in them: dotted, a path, a #channel. Not a
 * snake_case name of letters, which a fact's core reads as its words ("account_id" is "account id").
 */
const NAME_SEPARATOR = /[./:@#$]/;
const LETTER = /\p{L}/u;
const PLAIN_WORD = /^\p{Ll}+$/u;
/** What a named thing in a data stack is; folded (stemmed) on first use. */
const KIND_WORDS = ['topic', 'table', 'view', 'schema', 'database', 'dataset', 'bucket', 'column', 'field', 'queue', 'stream', 'index',
  'dag', 'job', 'task', 'model', 'connector', 'pipeline', 'sensor', 'flag', 'variable', 'parameter', 'setting', 'secret', 'role',
  'warehouse', 'cluster', 'file', 'folder', 'directory', 'path', 'repo', 'branch', 'channel', 'metric', 'endpoint', 'service',
  'namespace', 'macro', 'seed', 'snapshot', 'project', 'source', 'sink', 'stage', 'prefix', 'container', 'image', 'consumer', 'group'];
/** Words that relate two things, which a name never crosses: "fct_orders before the events table" stays. */
const RELATION_WORDS = ['before', 'after', 'than', 'via', 'through', 'between', 'against', 'without', 'over', 'under', 'per', 'versus', 'vs',
  'until', 'since', 'except', 'behind', 'below', 'above', 'off', 'out', 'up', 'down', 'instead', 'rather', 'like', 'unlike'];
let kinds: ReadonlySet<string> | undefined;
let relations: ReadonlySet<string> | undefined;
const kindWords = (): ReadonlySet<string> => (kinds ??= new Set(KIND_WORDS.map(foldWord)));
const relationWords = (): ReadonlySet<string> => (relations ??= new Set(RELATION_WORDS.map(foldWord)));

/** How many plain words may stand between a name and the word for its kind ("payments.authorizations Kafka topic"). */
const MAX_CROSSED = 3;

export const isName = (token: string): boolean => NAME_SEPARATOR.test(token) && LETTER.test(token);
export const isKindWord = (word: string): boolean => kindWords().has(word);

/**
 * `tokens` (a fact's, folded) with each name that comes just before the words of its kind moved
 * after them: "payments.authorizations kafka topic ha 48" → "kafka topic payments.authorizations ha
 * 48". `crossable` says which plain words a name may move past (not "to", "from", "or", "not" or
 * filler); one followed by another name is left in place ("orders.raw table events.clean").
 */
export function namesAfterKinds(tokens: string[], crossable: (word: string) => boolean): string[] {
  let out = tokens;
  for (let at = 0; at < out.length; at++) {
    if (!isName(out[at]!)) continue;
    const crossed = kindWordsAfter(out, at, crossable);
    if (crossed === 0) continue;
    out = [...out.slice(0, at), ...out.slice(at + 1, at + 1 + crossed), out[at]!, ...out.slice(at + 1 + crossed)];
    at += crossed;
  }
  return out;
}

/** How many words after tokens[at] to move past: the longest run of crossable plain words ending in a kind word, 0 for none. */
function kindWordsAfter(tokens: readonly string[], at: number, crossable: (word: string) => boolean): number {
  let best = 0;
  for (let n = 1; n <= MAX_CROSSED; n++) {
    const word = tokens[at + n];
    if (word === undefined || !PLAIN_WORD.test(word) || !crossable(word) || relationWords().has(word)) break;
    const next = tokens[at + n + 1];
    if (isKindWord(word) && (next === undefined || !isName(next))) best = n;
  }
  return best;
}
