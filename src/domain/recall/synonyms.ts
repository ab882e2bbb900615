import { linesMentionedAt, type TableLine } from './concept-lines.js';
import { mentionTermsOf } from './search-terms.js';

export interface QueryExpansion {
  /** The terms a memory must all hold to match: one word, or every content word of a phrase. */
  terms: readonly string[];
  weight: number;
  /** What it counts when no memory holds the query word it stands in for. */
  unmatchedWeight: number;
  /** The group of the query term it stands in for: a memory matching both counts one matched term. */
  group: string;
}

export interface ExpandedQuery {
  /** Spellings and related words standing in for the query's terms. */
  expansions: QueryExpansion[];
  /**
   * The group a query term counts in: its own, or one shared by the query's terms that name the
   * same synonym line of the tables ("spend" and "budget", "alerts" and "incident").
   */
  groupOf(term: string): string;
}

/**
 * The terms to search for besides the query's own (`terms`, as the index processes them; `text`
 * the query as typed): for every line of equivalents.ts and the concept table (concepts/) the
 * query mentions, the line's other phrases, but none whose words the query holds all of (its own
 * words already score them). A phrase is searched as all its content words at once
 * (concept-lines.ts). Query terms naming one synonym line form one group: each counted as a query
 * term of its own, "cut our Snowflake spend before the budget review" made a memory holding any
 * cost word ("credits") look like it matched two query words, and lifted it above memories
 * matching "Snowflake" and one of them (npm run eval: tuned task hit@3 0.75 → 0.88, hit@1 0.69 →
 * 0.63). Terms naming one related line stay apart ("retry" and "backoff" are two things asked
 * for); what the line brings in counts in the group of the first of them only, for the same reason.
 */
export function expandQuery(terms: readonly string[], text: string): ExpandedQuery {
  const out: QueryExpansion[] = [];
  const own = new Set<string>(terms);
  const mentions = mentionTermsOf(text);
  const groups = new TermGroups();
  const claimed = new Map<TableLine, string>();
  for (let at = 0; at < mentions.length; at++) {
    for (const { line, mentioned } of linesMentionedAt(mentions, at)) {
      // A phrase of several words joins one of them, its last (its head: "running total", "out of
      // memory"): a memory holding the user's words of it still counts each, above one holding a
      // synonym of the whole ("cumulative sum").
      const named = mentioned.flatMap((phrase) => phrase.words.filter((term) => own.has(term)).slice(-1));
      if (named.length === 0) continue;
      if (line.joins) for (const term of named) groups.join(term, line);
      const group = line.joins ? named[0]! : (claimed.get(line) ?? claimed.set(line, named[0]!).get(line)!);
      for (const phrase of line.searched) {
        if (mentioned.includes(phrase) || phrase.terms.length === 0 || phrase.words.every((term) => own.has(term))) continue;
        out.push({ terms: phrase.terms, weight: line.weight, unmatchedWeight: line.unmatchedWeight, group });
      }
    }
  }
  // Each phrase once, in the group that brings it in for most: "spend" and "budget" both bring in
  // "credits", and so does "snowflake" (a related line), yet a memory saying "credits" matched one
  // thing the user asked for, not two or three.
  const expansions = new Map<string, QueryExpansion>();
  for (const expansion of out) {
    const key = expansion.terms.join(' ');
    const kept = expansions.get(key);
    if (!kept || kept.weight < expansion.weight) expansions.set(key, { ...expansion, group: groups.of(expansion.group) });
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
