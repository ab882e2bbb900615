import SearchableMap from 'minisearch/SearchableMap';
import type { TopSlots } from './best-slots.js';
import { inverseDocumentFrequency, rarityCounts, termWeightBound } from './bm25-weight.js';
import { PhrasePostings } from './phrase-postings.js';
import { PostingList } from './posting-list.js';
import { memoizedProcessTerm, tokenize } from './search-terms.js';
import { SearchScratch, searchTop, type QueryGroup, type ScoredList, type TopOptions } from './top-k-search.js';

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

/** A longer word that starts with the query term counts this much, less the more letters it adds. */
const PREFIX_WEIGHT = 0.375;
/** A word within the typo distance counts this much, less the more edits it needs. */
const FUZZY_WEIGHT = 0.45;
const MAX_TYPOS = 2;

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
/** Postings of a term or of one of its variants, the weight they count with, and whether they are a variant. */
type Expansion = [Postings, number, boolean];
/** Analysed type and agent values kept (see #analyseName). */
const NAMES_KEPT = 1_000;
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
  /**
   * Instead of `term`, these terms all at once, exactly: a document holding every one of them in a
   * field matches there, as often as its rarest one (a phrase of the concept table, synonyms.ts).
   */
  together?: readonly string[];
  /** What matching it adds to the matched-terms factor (default 1); a group counts its highest. */
  counts?: number;
}

// Numbers and versions must match exactly: "5432" is not a typo of "5433". Terms are
// stems by now, and one edit on a four-letter stem is mostly noise ("prun" ~ "run").
const usesPrefix = (term: string): boolean => term.length >= 3 && !/\d/.test(term);
const typoDistance = (term: string): number => (term.length >= 5 && !/\d/.test(term) ? Math.min(MAX_TYPOS, Math.round(term.length * 0.2)) : 0);

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
  /**
   * Expansions of recent query terms: walking the radix tree for typo variants cost as much as
   * scoring at 10,000 memories. Valid until a term enters or leaves the vocabulary; postings
   * change in place, so adding a memory whose words are all known keeps them.
   */
  readonly #expansions = new Map<string, Expansion[]>();
  readonly #phrases = new PhrasePostings((term) => this.#postings.get(term), FIELDS.length);
  /** Per field, slot → number of distinct words in the field (minisearch's field length). */
  readonly #lengths: number[][] = FIELDS.map(() => []);
  readonly #totalLength: number[] = FIELDS.map(() => 0);
  readonly #free: number[] = [];
  readonly #names = FIELDS.map(() => new Map<string, { length: number; terms: string[] }>());
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
    for (const { term, boost, exact, group, together, counts = 1 } of queries) {
      const key = group ?? term;
      let entry = groups.get(key);
      if (!entry) groups.set(key, (entry = { lists: [], counts }));
      entry.counts = Math.max(entry.counts, counts);
      const lists = entry.lists;
      const expansions = together ? this.#allOf(together) : exact ? this.#exact(term) : this.#expand(term);
      for (const [postings, weight, variant] of expansions) this.#scoredLists(postings, weight * boost, variant, lists);
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
    return this.#expand(term).length > 0;
  }

  #exact(term: string): Expansion[] {
    const postings = this.#postings.get(term);
    return postings ? [[postings, 1, false]] : [];
  }

  /** A phrase's postings (see PhrasePostings): documents holding all its terms. */
  #allOf(terms: readonly string[]): Expansion[] {
    if (terms.length === 1) return this.#exact(terms[0]!);
    const postings = this.#phrases.of(terms);
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
      const { length, terms } = field === 0 ? this.#analyse(values[0], 'content') : this.#analyseName(field, values[field]!);
      this.#lengths[field]![slot] = delta > 0 ? length : 0;
      this.#totalLength[field]! += delta * length;
      for (const term of terms) this.#tally(term, field, slot, delta);
    }
  }

  /** A field's distinct word count and its terms, in order. */
  #analyse(value: string, name: (typeof FIELDS)[number]['name']): { length: number; terms: string[] } {
    const tokens = tokenize(value, name);
    const terms: string[] = [];
    for (const token of tokens) {
      const processed = this.#processTerm(token, name);
      if (processed === null) continue;
      if (typeof processed === 'string') terms.push(processed);
      else terms.push(...processed);
    }
    return { length: new Set(tokens).size, terms };
  }

  /**
   * The type and agent fields take a handful of values across a store: each is analysed once
   * (splitting them again for every memory cost ~10 % of building a 10,000-memory index, which a
   * Claude Code hook's process does at every prompt).
   */
  #analyseName(field: number, value: string): { length: number; terms: string[] } {
    const names = this.#names[field]!;
    let analysed = names.get(value);
    if (analysed === undefined) {
      if (names.size >= NAMES_KEPT) names.clear();
      names.set(value, (analysed = this.#analyse(value, FIELDS[field]!.name)));
    }
    return analysed;
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
}

