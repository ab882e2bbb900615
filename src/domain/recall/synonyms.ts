import { CONCEPTS } from './concepts.js';
import { EQUIVALENTS } from './equivalents.js';
import { mentionTermsOf, termsOf } from './search-terms.js';

/**
 * An equivalent spelling stands in fully for the user's word; a related concept counts less. On the
 * tuned part of npm run eval, concept weights 0.5-0.7 ranked best (0.2 lost paraphrase hit@1 0.77 → 0.64,
 * 0.9 lost keyword hit@1 1.00 → 0.95).
 */
const EQUIVALENT_WEIGHT = 0.9;
const CONCEPT_WEIGHT = 0.5;

export interface QueryExpansion {
  /** The terms a memory must all hold to match: one word, or every content word of a phrase. */
  terms: readonly string[];
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
  /** Its words as a query is read to spot it (mentionTermsOf): stop words kept. */
  mention: readonly string[];
  /** Its content words, as the index holds them. */
  words: readonly string[];
  /** What a memory must all hold to match it: its words, or none when that would leak a piece (see toPhrase). */
  terms: readonly string[];
}

interface TableLine {
  weight: number;
  phrases: Phrase[];
}

/**
 * Each line of the tables, under the first word of each of its phrases, so a query looks up only
 * lines it may mention. Built on first use, not at load: stemming every phrase cost ~5 ms at each
 * start of a process that never expands a query (a Claude Code hook that does not search).
 */
let linesByWord: Map<string, TableLine[]> | undefined;

function linesByFirstWord(): Map<string, TableLine[]> {
  if (linesByWord) return linesByWord;
  const tables: TableLine[] = [
    ...EQUIVALENTS.map((line) => ({ weight: EQUIVALENT_WEIGHT, phrases: line.map(toPhrase) })),
    ...CONCEPTS.map((line) => ({ weight: CONCEPT_WEIGHT, phrases: line.map(toPhrase) })),
  ];
  linesByWord = new Map();
  for (const line of tables) {
    for (const phrase of line.phrases) {
      const first = phrase.mention[0];
      if (first === undefined) continue;
      const lines = linesByWord.get(first) ?? [];
      if (!lines.includes(line)) lines.push(line);
      linesByWord.set(first, lines);
    }
  }
  return linesByWord;
}

/**
 * A phrase of several words is searched as all its content words at once, never word by word:
 * "out of memory" searched "out" and "memory" apart, and "out" alone matched "out of order". One
 * left alone by dropping stop words is not searched at all ("on-call" would search "call", "files
 * of" every memory saying "file"), only spotted.
 */
function toPhrase(text: string): Phrase {
  const mention = mentionTermsOf(text);
  const words = termsOf(text);
  return { mention, words, terms: mention.length > 1 && words.length < 2 ? [] : words };
}

/**
 * The terms to search for besides the query's own (`terms`, as the index processes them; `text`
 * the query as typed): for every line of equivalents.ts and concepts.ts the query mentions, the
 * line's other phrases, but none whose words the query holds all of (its own words already score
 * them). A phrase is searched as all its content words at once (see toPhrase). Query terms naming one line
 * form one group: each counted as a query term of its own, "cut our Snowflake spend before the
 * budget review" made a memory holding any cost word ("credits") look like it matched two query
 * words, and lifted it above memories matching "Snowflake" and one of them (npm run eval: tuned
 * task hit@3 0.75 → 0.88, hit@1 0.69 → 0.63; both held-out sets unchanged but for the fresh set's
 * task MRR, 0.66 → 0.67).
 */
export function expandQuery(terms: readonly string[], text: string): ExpandedQuery {
  const out: QueryExpansion[] = [];
  const own = new Set<string>(terms);
  const mentions = mentionTermsOf(text);
  const byWord = linesByFirstWord();
  const groups = new TermGroups();
  for (let at = 0; at < mentions.length; at++) {
    for (const line of byWord.get(mentions[at]!) ?? []) {
      const mentioned = line.phrases.filter((phrase) => phrase.mention.every((word, i) => mentions[at + i] === word));
      const named = mentioned.flatMap((phrase) => phrase.words.filter((term) => own.has(term)));
      if (named.length === 0) continue;
      for (const term of named) groups.join(term, line);
      for (const phrase of line.phrases) {
        if (mentioned.includes(phrase) || phrase.terms.length === 0 || phrase.words.every((term) => own.has(term))) continue;
        out.push({ terms: phrase.terms, weight: line.weight, group: named[0]! });
      }
    }
  }
  // Once per group: "spend" and "budget" both bring in "credits", which is still one word of one concept.
  const expansions = new Map<string, QueryExpansion>();
  for (const { terms: searched, weight, group } of out) {
    const key = `${groups.of(group)}\u0000${searched.join(' ')}`;
    const kept = expansions.get(key);
    if (!kept || kept.weight < weight) expansions.set(key, { terms: searched, weight, group: groups.of(group) });
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
