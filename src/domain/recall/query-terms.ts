import type { TermQuery } from './bm25-index.js';
import { expandQuery } from './synonyms.js';
import { framesTask } from './task-words.js';

/**
 * What a word that only frames a task (task-words.ts) counts, in the score and in the matched-terms
 * factor. npm run eval moved little between 0.1 and 0.5 (fresh task hit@3 0.86 → 0.91 at all of them).
 */
const TASK_WORD_WEIGHT = 0.3;

/**
 * The term queries of a query: its own words (`words`, as the index processes `text`), and the
 * spellings and related words the tables bring in (synonyms.ts), with the group each counts in.
 * `matches` tells whether any memory holds a term, or a prefix or typo variant of it.
 */
export function termQueries(text: string, words: readonly string[], matches: (term: string) => boolean): { queries: TermQuery[]; groupOf: (term: string) => string } {
  const { expansions, groupOf } = expandQuery(words, text);
  const queries: TermQuery[] = words.map((term) =>
    framesTask(term) ? { term, boost: TASK_WORD_WEIGHT, counts: TASK_WORD_WEIGHT, group: groupOf(term) } : { term, boost: 1, group: groupOf(term) },
  );
  // A related word counts less than the user's own, so memories in the user's words rank first;
  // when no memory holds any of them ("credentials", and only "secrets" is stored), the related
  // words are all the group has, and count in full.
  const unmatched = new Set(words.map(groupOf));
  for (const term of words) if (matches(term)) unmatched.delete(groupOf(term));
  for (const { terms, weight, unmatchedWeight, group } of expansions) {
    queries.push({ term: terms.join(' '), boost: unmatched.has(group) ? unmatchedWeight : weight, group, exact: true, together: terms });
  }
  return { queries, groupOf };
}
