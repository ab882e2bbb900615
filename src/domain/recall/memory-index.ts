import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import { normaliseContent, type Memory, type MemoryType } from '../memory.js';
import { memoizedProcessTerm, tokenize } from './search-terms.js';
import { synonymsFor } from './synonyms.js';

export interface RecallFilter {
  agent?: string;
  type?: MemoryType;
  /** true: archived only; false: active only; absent: both. */
  archived?: boolean;
}

export interface RecallHit {
  id: string;
  score: number;
}

/** A memory whose content contains the whole query (two words or more) scores this many times higher. */
const PHRASE_BOOST = 2;
/** Synonyms stand in for the user's words, so they count a little less than the words themselves. */
const SYNONYM_WEIGHT = 0.8;

const SEARCH_OPTIONS: SearchOptions = {
  // OR, not AND: BM25 multiplies a memory's score by the number of query terms it
  // matches, so memories with more of the words already rank first, and a query with
  // one word the memory lacks ("rate limit retries") still finds it.
  combineWith: 'OR',
  boost: { content: 1, type: 0.3, agent: 0.3 },
  // Numbers and versions must match exactly: "5432" is not a typo of "5433". Terms are
  // stems by now, and one edit on a four-letter stem is mostly noise ("prun" ~ "run").
  prefix: (term) => term.length >= 3 && !/\d/.test(term),
  fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
  maxFuzzy: 2,
};

interface Entry {
  /** A copy taken at add time: minisearch's remove() needs exactly the text that was indexed. */
  memory: Memory;
  /** Content reduced to lower-case words and single spaces, for the phrase boost; made on first need. */
  phraseText?: string;
}

/**
 * Ranked, in-process search over memories: BM25 (minisearch) over stemmed words, with
 * prefix and typo tolerance, a small synonym table and a boost for the exact phrase.
 * Keep it in step with the store by calling add/replace/remove on every write.
 */
export class MemoryIndex {
  readonly #entries = new Map<string, Entry>();
  readonly #search = new MiniSearch<Memory>({
    fields: ['content', 'type', 'agent'],
    storeFields: [], // filters read #entries, which already holds every field
    tokenize,
    processTerm: memoizedProcessTerm(),
    searchOptions: SEARCH_OPTIONS,
    // remove() (not discard()) keeps the index exact, so there is nothing to vacuum and
    // no timer left running; and domain code does no logging of its own.
    autoVacuum: false,
    logger: () => undefined,
  });

  constructor(memories: Iterable<Memory> = []) {
    for (const memory of memories) this.add(memory);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Adds a memory; adding an id that is already indexed replaces it. */
  add(memory: Memory): void {
    if (this.#entries.has(memory.id)) this.remove(memory.id);
    const copy = { ...memory };
    this.#entries.set(copy.id, { memory: copy });
    this.#search.add(copy);
  }

  /** Removes a memory; an unknown id is ignored. */
  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#search.remove(entry.memory);
    this.#entries.delete(id);
  }

  replace(memory: Memory): void {
    this.add(memory);
  }

  /** Matching memories, best first; equal scores put the most recently updated first. */
  search(query: string, filter: RecallFilter = {}): RecallHit[] {
    const text = normaliseContent(query);
    if (text === '') return [];
    const synonyms = synonymsFor(text);
    const expanded: Query = synonyms === '' ? text : {
      combineWith: 'OR',
      queries: [text, { queries: [synonyms], boostTerm: () => SYNONYM_WEIGHT }],
    };
    const phrase = phraseText(text);
    const boostPhrase = phrase.trim().includes(' ');
    const ranked: Array<{ entry: Entry; score: number }> = [];
    for (const result of this.#search.search(expanded)) {
      const entry = this.#entries.get(result.id as string);
      if (!entry || !matches(entry.memory, filter)) continue;
      const boosted = boostPhrase && (entry.phraseText ??= phraseText(entry.memory.content)).includes(phrase);
      ranked.push({ entry, score: boosted ? result.score * PHRASE_BOOST : result.score });
    }
    // minisearch has already sorted by score, so this sort mostly breaks ties.
    ranked.sort((a, b) => b.score - a.score || compareDesc(a.entry.memory.updatedAt, b.entry.memory.updatedAt));
    return ranked.map(({ entry, score }) => ({ id: entry.memory.id, score }));
  }
}

function matches(memory: Memory, filter: RecallFilter): boolean {
  return (filter.agent === undefined || memory.agent === filter.agent)
    && (filter.type === undefined || memory.type === filter.type)
    && (filter.archived === undefined || (memory.archivedAt !== undefined) === filter.archived);
}

/** ISO 8601 timestamps in one format order as strings. */
function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** Words joined by single spaces and padded, so " dead letter queue " matches whole words only. */
function phraseText(text: string): string {
  return ` ${text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean).join(' ')} `;
}
