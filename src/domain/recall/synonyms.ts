import { CONCEPTS } from './concepts.js';
import { EQUIVALENTS } from './equivalents.js';
import { termsOf } from './search-terms.js';

/**
 * An equivalent spelling stands in fully for the user's word; a related concept counts less. On the
 * tuned part of npm run eval, concept weights 0.5-0.7 ranked best (0.2 lost paraphrase hit@1 0.77 → 0.64,
 * 0.9 lost keyword hit@1 1.00 → 0.95).
 */
const EQUIVALENT_WEIGHT = 0.9;
const CONCEPT_WEIGHT = 0.5;

export interface QueryExpansion {
  term: string;
  weight: number;
  /** The query term this one stands in for: a memory matching both counts one matched term. */
  group: string;
}

interface Phrase {
  terms: readonly string[];
}

/**
 * Words of a phrase that say nothing searched alone: "monthly" standing in as "every month" or
 * "per month" must search "month", not every memory holding "every" or "per".
 */
const FILLER = ['every', 'each', 'all', 'per', 'once'];

interface TableLine {
  weight: number;
  phrases: Phrase[];
}

/**
 * Each line of the tables, under every first term of its phrases, so a query looks up only lines
 * it may mention. Built on first use, not at load: stemming every phrase cost ~5 ms at each start
 * of a process that never expands a query (a Claude Code hook that does not search).
 */
let linesByTerm: Map<string, TableLine[]> | undefined;

function linesByFirstTerm(): Map<string, TableLine[]> {
  if (linesByTerm) return linesByTerm;
  const filler = new Set(FILLER.flatMap((word) => termsOf(word)));
  const phrases = (line: readonly string[]) => line.map((text) => toPhrase(text, filler));
  const tables: TableLine[] = [
    ...EQUIVALENTS.map((line) => ({ weight: EQUIVALENT_WEIGHT, phrases: phrases(line) })),
    ...CONCEPTS.map((line) => ({ weight: CONCEPT_WEIGHT, phrases: phrases(line) })),
  ].map((line) => ({ ...line, phrases: line.phrases.filter((phrase) => phrase.terms.length > 0) }));
  linesByTerm = new Map();
  for (const line of tables) {
    for (const phrase of line.phrases) {
      const lines = linesByTerm.get(phrase.terms[0]!) ?? [];
      if (!lines.includes(line)) lines.push(line);
      linesByTerm.set(phrase.terms[0]!, lines);
    }
  }
  return linesByTerm;
}

function toPhrase(text: string, filler: ReadonlySet<string>): Phrase {
  const terms = termsOf(text);
  return { terms: terms.length > 1 ? terms.filter((term) => !filler.has(term)) : terms };
}

/**
 * The terms to search for besides the query's own (`terms`, as the index processes them): for
 * every line of equivalents.ts and concepts.ts the query mentions, the line's other phrases. A
 * phrase of several words spreads its weight over them, so "out of memory" standing in for "oom"
 * counts as much as one word would.
 */
export function expandQuery(terms: readonly string[]): QueryExpansion[] {
  const out: QueryExpansion[] = [];
  const seen = new Set<string>(terms);
  const byTerm = linesByFirstTerm();
  for (let at = 0; at < terms.length; at++) {
    for (const line of byTerm.get(terms[at]!) ?? []) {
      const mentioned = line.phrases.filter((phrase) => phrase.terms[0] === terms[at] && phrase.terms.every((term, i) => terms[at + i] === term));
      if (mentioned.length === 0) continue;
      for (const phrase of line.phrases) {
        if (mentioned.includes(phrase)) continue;
        for (const term of phrase.terms) {
          const key = `${terms[at]}\u0000${term}`;
          if (seen.has(term) || seen.has(key)) continue;
          seen.add(key);
          out.push({ term, weight: line.weight / phrase.terms.length, group: terms[at]! });
        }
      }
    }
  }
  return out;
}
