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
  /** The group of the query term it stands in for: a memory matching both counts one matched term. */
  group: string;
}

export interface ExpandedQuery {
  /** Spellings and related words standing in for the query's terms. */
  expansions: QueryExpansion[];
  /**
   * The group a query term counts in: its own, or one shared by the query's terms that name the
   * same line of the tables ("spend" and "budget", "alerts" and "incident").
   */
  groupOf(term: string): string;
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
 * counts as much as one word would. Query terms naming one line form one group: each counted as a
 * query term of its own, "cut our Snowflake spend before the budget review" made a memory holding
 * any cost word ("credits") look like it matched two query words, and lifted it above memories
 * matching "Snowflake" and one of them (npm run eval: tuned task hit@3 0.75 → 0.88, hit@1 0.69 →
 * 0.63; both held-out sets unchanged but for the fresh set's task MRR, 0.66 → 0.67).
 */
export function expandQuery(terms: readonly string[]): ExpandedQuery {
  const out: QueryExpansion[] = [];
  const seen = new Set<string>(terms);
  const byTerm = linesByFirstTerm();
  const groups = new TermGroups();
  for (let at = 0; at < terms.length; at++) {
    for (const line of byTerm.get(terms[at]!) ?? []) {
      const mentioned = line.phrases.filter((phrase) => phrase.terms[0] === terms[at] && phrase.terms.every((term, i) => terms[at + i] === term));
      if (mentioned.length === 0) continue;
      for (const phrase of mentioned) for (const term of phrase.terms) groups.join(term, line);
      for (const phrase of line.phrases) {
        if (mentioned.includes(phrase)) continue;
        for (const term of phrase.terms) if (!seen.has(term)) out.push({ term, weight: line.weight / phrase.terms.length, group: terms[at]! });
      }
    }
  }
  // Once per group: "spend" and "budget" both bring in "credits", which is still one word of one concept.
  const expansions = new Map<string, QueryExpansion>();
  for (const { term, weight, group } of out) {
    const key = `${groups.of(group)}\u0000${term}`;
    const kept = expansions.get(key);
    if (!kept || kept.weight < weight) expansions.set(key, { term, weight, group: groups.of(group) });
  }
  return { expansions: [...expansions.values()], groupOf: (term) => groups.of(term) };
}

/** Query terms joined through the table lines they name (union-find): a group is named by one of its terms. */
class TermGroups {
  readonly #parent = new Map<string | TableLine, string | TableLine>();

  join(term: string, line: TableLine): void {
    const a = this.#root(term);
    const b = this.#root(line);
    // A term stays the root, so every group is named by a term.
    if (a !== b) this.#parent.set(b, a);
  }

  of(term: string): string {
    return this.#root(term) as string;
  }

  #root(key: string | TableLine): string | TableLine {
    let root = key;
    for (let up = this.#parent.get(root); up !== undefined; up = this.#parent.get(root)) root = up;
    return root;
  }
}
