import SearchableMap from 'minisearch/SearchableMap';
import { PostingList } from './posting-list.js';
import { memoizedProcessTerm, tokenize } from './search-terms.js';

/**
 * The searched fields and their weight: the content says what a memory is about, its type and
 * agent only hint. The agent is a name, matched whole: as a prefix, "data" matched the agent
 * data_engineer and with it every memory of a typical store.
 */
export const FIELDS = [
  { name: 'content', boost: 1, variants: true },
  { name: 'type', boost: 0.3, variants: true },
  { name: 'agent', boost: 0.3, variants: false },
] as const;
export type FieldValues = readonly [content: string, type: string, agent: string];

// BM25+ as minisearch computes it (its defaults), so ranking is what minisearch gave.
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** A longer word that starts with the query term counts this much, less the more letters it adds. */
const PREFIX_WEIGHT = 0.375;
/** A word within the typo distance counts this much, less the more edits it needs. */
const FUZZY_WEIGHT = 0.45;
const MAX_TYPOS = 2;

/** Per field (in FIELDS order), the documents holding the term there. */
type Postings = Array<PostingList | undefined>;
/** Postings of a term or of one of its variants, the weight they count with, and whether they are a variant. */
type Expansion = [Postings, number, boolean];
/** How many query terms keep their expansion; an agent repeats its words, a typo-laden task does not. */
const EXPANSIONS_KEPT = 1_000;

export interface TermQuery {
  term: string;
  boost: number;
  /**
   * Terms of one group count as one matched query term (default: the term itself): a query word
   * and the synonyms standing in for it must not make a memory look like it matched more words.
   */
  group?: string;
  /** Only the term itself, without prefix and typo variants (synonyms are spelled right). */
  exact?: boolean;
}

/** Called once per matching document: `matched` is how many distinct query terms it matched. */
export type Visit = (slot: number, score: number, matched: number) => void;

// Numbers and versions must match exactly: "5432" is not a typo of "5433". Terms are
// stems by now, and one edit on a four-letter stem is mostly noise ("prun" ~ "run").
const usesPrefix = (term: string): boolean => term.length >= 3 && !/\d/.test(term);
const typoDistance = (term: string): number => (term.length >= 5 && !/\d/.test(term) ? Math.min(MAX_TYPOS, Math.round(term.length * 0.2)) : 0);

/**
 * An inverted index with BM25 scoring over the three memory fields, scored the way minisearch
 * scores an OR query with prefix and typo expansion (including its "quality" factor: the score
 * times the number of distinct query terms matched). It exists because minisearch builds a
 * result object per matching document and per term, which made a query over 100,000 memories
 * take tens of milliseconds; here a query adds into typed arrays indexed by a small integer
 * slot per document. minisearch's radix tree (SearchableMap) still finds the prefix and typo
 * variants of a term.
 */
export class Bm25Index {
  readonly #postings = new Map<string, Postings>();
  /** The same postings, keyed in a radix tree for prefix and typo look-ups. */
  readonly #terms = new SearchableMap<Postings>();
  readonly #processTerm = memoizedProcessTerm();
  /**
   * Expansions of recent query terms: walking the radix tree for typo variants cost as much as
   * scoring at 10,000 memories. Valid until a term enters or leaves the vocabulary; postings
   * change in place, so adding a memory whose words are all known keeps them.
   */
  readonly #expansions = new Map<string, Expansion[]>();
  /** Per field, slot → number of distinct words in the field (minisearch's field length). */
  readonly #lengths: number[][] = FIELDS.map(() => []);
  readonly #totalLength: number[] = FIELDS.map(() => 0);
  readonly #free: number[] = [];
  #count = 0;
  #slots = 0;
  // Scratch space for one search, indexed by slot and left zeroed after it.
  #score = new Float64Array(0);
  #matched = new Uint32Array(0);
  #group = new Uint32Array(0);

  /** Indexes one document's fields and returns its slot. */
  add(values: FieldValues): number {
    const slot = this.#free.pop() ?? this.#slots++;
    this.#count++;
    this.#update(slot, values, 1);
    return slot;
  }

  /** Removes a document; `values` must be exactly what was added under that slot. */
  remove(slot: number, values: FieldValues): void {
    this.#update(slot, values, -1);
    this.#count--;
    this.#free.push(slot);
  }

  /** A query text's terms, processed as the index processes words. */
  terms(text: string): string[] {
    return tokenize(text).flatMap((token) => this.#processTerm(token) ?? []);
  }

  /** Scores every document that matches any of the terms and hands each to `visit`, in no particular order. */
  search(queries: readonly TermQuery[], visit: Visit): void {
    this.#grow();
    // A term asked for twice (or a synonym standing in for it) counts once in `matched`, so each
    // group is counted once and a document's group mark says whether it was already counted for it.
    const groups = new Map<string, TermQuery[]>();
    for (const query of queries) {
      const key = query.group ?? query.term;
      const members = groups.get(key);
      if (members) members.push(query);
      else groups.set(key, [query]);
    }
    const touched: number[] = [];
    const score = this.#score;
    const matched = this.#matched;
    const marks = this.#group;
    let next = 0;
    try {
      let group = 0;
      for (const members of groups.values()) {
        group++;
        for (const { term, boost, exact } of members) {
          for (const [postings, weight, variant] of exact ? this.#exact(term) : this.#expand(term)) {
            this.#accumulate(postings, weight * boost, variant, group, touched);
          }
        }
      }
      while (next < touched.length) {
        const slot = touched[next++]!;
        const count = matched[slot]!;
        const total = score[slot]! * count;
        score[slot] = 0;
        matched[slot] = 0;
        marks[slot] = 0;
        visit(slot, total, count);
      }
    } finally {
      // Should anything above throw, the next search still needs zeroed scratch arrays.
      for (const slot of touched.slice(next)) score[slot] = matched[slot] = marks[slot] = 0;
    }
  }

  #exact(term: string): Expansion[] {
    const postings = this.#postings.get(term);
    return postings ? [[postings, 1, false]] : [];
  }

  /** The postings of the term itself and of its prefix and typo variants. */
  #expand(term: string): Expansion[] {
    let out = this.#expansions.get(term);
    if (out) return out;
    if (this.#expansions.size >= EXPANSIONS_KEPT) this.#expansions.clear();
    out = [];
    this.#expansions.set(term, out);
    const exact = this.#postings.get(term);
    if (exact) out.push([exact, 1, false]);
    const distance = typoDistance(term);
    const typos = distance > 0 ? this.#terms.fuzzyGet(term, distance) : undefined;
    if (usesPrefix(term)) {
      for (const [longer, postings] of this.#terms.atPrefix(term)) {
        const extra = longer.length - term.length;
        if (extra === 0) continue;
        typos?.delete(longer);
        out.push([postings, (PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * extra), true]);
      }
    }
    if (typos) {
      for (const [near, [postings, edits]] of typos) {
        if (edits > 0) out.push([postings, (FUZZY_WEIGHT * near.length) / (near.length + edits), true]);
      }
    }
    return out;
  }

  #accumulate(postings: Postings, weight: number, variant: boolean, group: number, touched: number[]): void {
    const score = this.#score;
    const matched = this.#matched;
    const marks = this.#group;
    for (let field = 0; field < FIELDS.length; field++) {
      const docs = postings[field];
      if (!docs || docs.size === 0 || (variant && !FIELDS[field]!.variants)) continue;
      const idf = Math.log(1 + (this.#count - docs.size + 0.5) / (docs.size + 0.5));
      const factor = weight * FIELDS[field]!.boost * idf;
      const lengths = this.#lengths[field]!;
      const average = this.#totalLength[field]! / this.#count;
      const { slots, frequencies, size } = docs;
      for (let i = 0; i < size; i++) {
        const slot = slots[i]!;
        const frequency = frequencies[i]!;
        score[slot]! += factor * (D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * lengths[slot]!) / average)));
        if (marks[slot] !== group) {
          if (marks[slot] === 0) touched.push(slot);
          marks[slot] = group;
          matched[slot]!++;
        }
      }
    }
  }

  #update(slot: number, values: FieldValues, delta: 1 | -1): void {
    for (let field = 0; field < FIELDS.length; field++) {
      const name = FIELDS[field]!.name;
      const tokens = tokenize(values[field]!, name);
      const length = new Set(tokens).size;
      this.#lengths[field]![slot] = delta > 0 ? length : 0;
      this.#totalLength[field]! += delta * length;
      for (const token of tokens) {
        const processed = this.#processTerm(token, name);
        if (processed === null) continue;
        if (typeof processed === 'string') this.#tally(processed, field, slot, delta);
        else for (const term of processed) this.#tally(term, field, slot, delta);
      }
    }
  }

  /** Adds or takes one occurrence of a term in a field of a document. */
  #tally(term: string, field: number, slot: number, delta: 1 | -1): void {
    let postings = this.#postings.get(term);
    if (!postings) {
      if (delta < 0) return;
      postings = [];
      this.#postings.set(term, postings);
      this.#terms.set(term, postings);
      this.#expansions.clear();
    }
    const docs = (postings[field] ??= new PostingList());
    if (delta > 0) docs.add(slot);
    else docs.remove(slot);
    if (delta < 0 && postings.every((docs) => docs === undefined || docs.size === 0)) {
      this.#postings.delete(term);
      this.#terms.delete(term);
      this.#expansions.clear();
    }
  }

  /** Sizes the scratch arrays to the slots in use. */
  #grow(): void {
    if (this.#score.length >= this.#slots) return;
    const size = Math.max(64, this.#slots * 2);
    this.#score = new Float64Array(size);
    this.#matched = new Uint32Array(size);
    this.#group = new Uint32Array(size);
  }
}
