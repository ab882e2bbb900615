import { termsOf } from './search-terms.js';

/**
 * Phrases that mean the same thing in data-engineering memories but share no letters, so
 * stemming and typo tolerance cannot connect them: "rate limit retries" must find
 * "Backoff on 429 from OpenAI API". Kept small on purpose: every group widens each query
 * that mentions one of its phrases, and a loose group ranks noise above the answer.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['429', 'rate limit', 'throttle'],
  ['retry', 'backoff'],
  ['dedup', 'deduplicate', 'duplicate'],
  ['upsert', 'merge'],
  ['cdc', 'change data capture'],
  ['oom', 'out of memory'],
];

const GROUPS = SYNONYM_GROUPS.map((group) => group.map((phrase) => ({ phrase, terms: termsOf(phrase) })));

/**
 * The phrases to search for in addition to the query: for each group the query mentions,
 * the group's other phrases. Empty when no group applies.
 */
export function synonymsFor(query: string): string {
  const terms = termsOf(query);
  const extra = new Set<string>();
  for (const group of GROUPS) {
    const mentioned = group.filter((entry) => containsRun(terms, entry.terms));
    if (mentioned.length === 0) continue;
    for (const entry of group) if (!mentioned.includes(entry)) extra.add(entry.phrase);
  }
  return [...extra].join(' ');
}

/** Whether `run` occurs in `terms` as consecutive terms ("rate limit" in "rate limit retri"). */
function containsRun(terms: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return false;
  for (let start = 0; start + run.length <= terms.length; start++) {
    if (run.every((term, i) => terms[start + i] === term)) return true;
  }
  return false;
}
