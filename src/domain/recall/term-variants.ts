import type SearchableMap from 'minisearch/SearchableMap';
import type { Postings } from './bm25-index.js';
import { remembered } from './surface-words.js';

/** A longer word that starts with the query term counts this much, less the more letters it adds. */
const PREFIX_WEIGHT = 0.375;
/** A word within the typo distance counts this much, less the more edits it needs. */
const FUZZY_WEIGHT = 0.45;
const MAX_TYPOS = 2;
/** How many query terms keep their expansion; an agent repeats its words, a typo-laden task does not. */
const EXPANSIONS_KEPT = 1_000;

/** Postings of a term or of one of its variants, the weight they count with, and whether they are a variant. */
export type Expansion = [Postings, number, boolean];

// Numbers and versions must match exactly: "5432" is not a typo of "5433". Terms are
// stems by now, and one edit on a four-letter stem is mostly noise ("prun" ~ "run").
const usesPrefix = (term: string): boolean => term.length >= 3 && !/\d/.test(term);
const typoDistance = (term: string): number => (term.length >= 5 && !/\d/.test(term) ? Math.min(MAX_TYPOS, Math.round(term.length * 0.2)) : 0);

/** A table word shorter than this brings in no longer words: "log" would bring in "login". */
const TABLE_PREFIX_MIN = 4;

/**
 * A query term's postings and those of its prefix and typo variants, found in the index's radix
 * tree (minisearch's SearchableMap) over the same postings as `postings`. Expansions of recent
 * terms are kept: walking the tree for typo variants cost as much as scoring at 10,000 memories.
 * They are valid until a term enters or leaves the vocabulary (`clear`); postings change in
 * place, so adding a memory whose words are all known keeps them.
 */
export class TermVariants {
  readonly #expansions = new Map<string, Expansion[]>();
  readonly #longer = new Map<string, Expansion[]>();

  constructor(
    private readonly postings: ReadonlyMap<string, Postings>,
    private readonly tree: SearchableMap<Postings>,
  ) {}

  /** The postings of the term itself and of its prefix variants, and its typo variants when no memory holds it. */
  of(term: string): Expansion[] {
    return remembered(this.#expansions, term, (word) => this.#variantsOf(word), EXPANSIONS_KEPT);
  }

  /**
   * A word the tables bring in, and the longer words it starts, without typo variants (the table
   * is spelled right). Its lines list a word's inflections, not its derivations: "delete" brings
   * in "deletion", "notify" "notifying", "lifecycle" "lifecycles" only this way.
   */
  withLonger(term: string): Expansion[] {
    return remembered(this.#longer, term, (word) => this.#withLongerOf(word), EXPANSIONS_KEPT);
  }

  #variantsOf(term: string): Expansion[] {
    const out: Expansion[] = [];
    const exact = this.postings.get(term);
    if (exact) out.push([exact, 1, false]);
    // A word the store holds as written is taken as meant: "right" is no typo of "night" there.
    const distance = exact ? 0 : typoDistance(term);
    const typos = distance > 0 ? this.tree.fuzzyGet(term, distance) : undefined;
    if (usesPrefix(term)) {
      for (const [longer, postings] of this.tree.atPrefix(term)) {
        if (longer.length === term.length) continue;
        typos?.delete(longer);
        out.push([postings, prefixWeight(term, longer), true]);
      }
    }
    if (typos) {
      for (const [near, [postings, edits]] of typos) {
        if (edits > 0) out.push([postings, (FUZZY_WEIGHT * near.length) / (near.length + edits), true]);
      }
    }
    return out;
  }

  #withLongerOf(term: string): Expansion[] {
    const out: Expansion[] = [];
    const exact = this.postings.get(term);
    if (exact) out.push([exact, 1, false]);
    if (term.length < TABLE_PREFIX_MIN || /\d/.test(term)) return out;
    for (const [longer, postings] of this.tree.atPrefix(term)) {
      if (longer.length > term.length) out.push([postings, prefixWeight(term, longer), true]);
    }
    return out;
  }

  /** A term entered or left the vocabulary: every kept expansion may be wrong. */
  clear(): void {
    this.#expansions.clear();
    this.#longer.clear();
  }
}

/** What a longer word starting with the term counts: less the more letters it adds. */
function prefixWeight(term: string, longer: string): number {
  return (PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * (longer.length - term.length));
}
