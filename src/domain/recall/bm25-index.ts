import SearchableMap from 'minisearch/SearchableMap';
import type { TopSlots } from './best-slots.js';
import { inverseDocumentFrequency, rarityCounts, termWeightBound } from './bm25-weight.js';
import { PhrasePostings } from './phrase-postings.js';
import { PostingList } from './posting-list.js';
import { FieldAnalysis } from './field-analysis.js';
import { memoizedProcessTerm, tokenize } from './search-terms.js';
import { type Expansion, TermVariants } from './term-variants.js';
import { SearchScratch } from './search-scratch.js';
import { searchTop, type QueryGroup, type ScoredList, type TopOptions } from './top-k-search.js';

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

/** Per field (in FIELDS order), the documents holding the term there. */
export type Postings = Array<PostingList | undefined>;

/** An index's contents, as `state()` gives them and the constructor takes them. */
export interface Bm25State {
  /** In the order they entered the index. */
  terms: readonly string[];
  /** Per term, in the order of `terms`. */
  postings: readonly Postings[];
  /** Per field, slot → the field's distinct word count. */
  lengths: readonly number[][];
  totalLength: readonly number[];
  count: number;
  slots: number;
  free: readonly number[];
}


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
  /**
   * Instead of `term`, these terms all at once, exactly: a document holding every one of them in a
   * field matches there, as often as its rarest one (a phrase of the concept table, synonyms.ts). A
   * single term also matches the longer words it starts (TermVariants.withLonger), typos never.
   */
  together?: readonly string[];
  /** What matching it adds to the matched-terms factor (default 1); a group counts its highest. */
  counts?: number;
}

/**
 * An inverted index with BM25 scoring over the three memory fields, scored the way minisearch
 * scores an OR query with prefix and typo expansion (including its "quality" factor: the score
 * times the number of distinct query terms matched, here a term's `counts` each, so a word that
 * only frames a task counts less, and a common word less than a rare one: bm25-weight.ts). It exists because minisearch builds a
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
  readonly #variants = new TermVariants(this.#postings, this.#terms);
  readonly #analysis = new FieldAnalysis(this.#processTerm);
  readonly #phrases = new PhrasePostings((term) => this.#postings.get(term), FIELDS.length);
  /** Per field, slot → number of distinct words in the field (minisearch's field length). */
  readonly #lengths: number[][] = FIELDS.map(() => []);
  readonly #totalLength: number[] = FIELDS.map(() => 0);
  readonly #free: number[] = [];
  #count = 0;
  #slots = 0;
  readonly #scratch = new SearchScratch();

  /**
   * An empty index, or one holding exactly what `state()` of another gave (a snapshot kept for
   * the next process, index-snapshot.ts): the same terms in the same order, so the radix tree,
   * and with it the order of every expansion and of every sum, is the one that index built.
   */
  constructor(state?: Bm25State) {
    if (!state) return;
    if (state.free.length > 0) throw new Error('Bm25Index: a state with free slots is not restored');
    state.terms.forEach((term, i) => {
      const postings = state.postings[i]!;
      this.#postings.set(term, postings);
      this.#terms.set(term, postings);
    });
    state.lengths.forEach((lengths, field) => (this.#lengths[field] = lengths));
    state.totalLength.forEach((total, field) => (this.#totalLength[field] = total));
    this.#count = state.count;
    this.#slots = state.slots;
  }

  /** What a restored index must hold to search and change exactly as this one (see the constructor). */
  state(): Bm25State {
    return {
      terms: [...this.#postings.keys()],
      postings: [...this.#postings.values()],
      lengths: this.#lengths,
      totalLength: this.#totalLength,
      count: this.#count,
      slots: this.#slots,
      free: this.#free,
    };
  }

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

  /**
   * The best `options.count` documents matching any of the terms, best first, and how many
   * matched in all: see top-k-search.ts for how it avoids scoring what cannot make the page.
   */
  search(queries: readonly TermQuery[], options: TopOptions): TopSlots {
    this.#scratch.grow(this.#slots);
    // A term asked for twice (or a synonym standing in for it) counts once in `matched`: the
    // lists of one group count as one matched term.
    const groups = new Map<string, { lists: ScoredList[]; counts: number }>();
    // A variant that is itself a word of the query counts for that word only: "right" ~ "night"
    // (a typo) made a memory saying "night" match "right" and "nightly" as two query words.
    const own = new Set<Postings>();
    for (const { term, together } of queries) {
      const postings = together ? undefined : this.#postings.get(term);
      if (postings) own.add(postings);
    }
    for (const { term, boost, exact, group, together, counts = 1 } of queries) {
      const key = group ?? term;
      let entry = groups.get(key);
      if (!entry) groups.set(key, (entry = { lists: [], counts }));
      entry.counts = Math.max(entry.counts, counts);
      const lists = entry.lists;
      const expansions = together ? this.#allOf(together) : exact ? this.#exact(term) : this.#variants.of(term);
      for (const [postings, weight, variant] of expansions) {
        if (!variant || !own.has(postings)) this.#scoredLists(postings, weight * boost, variant, lists);
      }
    }
    const planned: QueryGroup[] = [];
    for (const { lists, counts } of groups.values()) {
      if (lists.length === 0) continue;
      const holding = lists.reduce((most, list) => Math.max(most, list.docs.size), 0);
      planned.push({ lists, counts: rarityCounts(counts, this.#count, holding), bound: lists.reduce((sum, list) => sum + list.factor * termWeightBound(list.docs.maxFrequency), 0) });
    }
    return searchTop(planned, this.#scratch, options);
  }

  /** Whether any document holds the term, or a prefix or typo variant of it, as a search would match it. */
  matches(term: string): boolean {
    return this.#variants.of(term).length > 0;
  }

  #exact(term: string): Expansion[] {
    const postings = this.#postings.get(term);
    return postings ? [[postings, 1, false]] : [];
  }

  /** A phrase's postings (see PhrasePostings): documents holding all its terms; a single word's, and its longer words'. */
  #allOf(terms: readonly string[]): Expansion[] {
    if (terms.length === 1) return this.#variants.withLonger(terms[0]!);
    const postings = this.#phrases.of(terms);
    return postings ? [[postings, 1, false]] : [];
  }

  #scoredLists(postings: Postings, weight: number, variant: boolean, into: ScoredList[]): void {
    for (let field = 0; field < FIELDS.length; field++) {
      const docs = postings[field];
      if (!docs || docs.size === 0 || (variant && !FIELDS[field]!.variants)) continue;
      const factor = weight * FIELDS[field]!.boost * inverseDocumentFrequency(this.#count, docs.size);
      into.push({ docs, factor, lengths: this.#lengths[field]!, averageLength: this.#totalLength[field]! / this.#count });
    }
  }

  #update(slot: number, values: FieldValues, delta: 1 | -1): void {
    this.#phrases.clear();
    for (let field = 0; field < FIELDS.length; field++) {
      const { length, terms } = field === 0 ? this.#analysis.of(values[0], 'content') : this.#analysis.name(values[field]!, FIELDS[field]!.name);
      this.#lengths[field]![slot] = delta > 0 ? length : 0;
      this.#totalLength[field]! += delta * length;
      for (const term of terms) this.#tally(term, field, slot, delta);
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
      this.#variants.clear();
    }
    const docs = (postings[field] ??= new PostingList());
    if (delta > 0) docs.add(slot);
    else docs.remove(slot);
    if (delta < 0 && postings.every((docs) => docs === undefined || docs.size === 0)) {
      this.#postings.delete(term);
      this.#terms.delete(term);
      this.#variants.clear();
    }
  }
}

