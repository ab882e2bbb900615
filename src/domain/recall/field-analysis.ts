import { type memoizedProcessTerm, tokenize } from './search-terms.js';

/** Analysed type and agent values kept (see FieldAnalysis.name). */
const NAMES_KEPT = 1_000;

export interface AnalysedField {
  /** The field's distinct word count (minisearch's field length). */
  length: number;
  /** Its terms, in order. */
  terms: string[];
}

/** A memory field's words as the index keeps them, processed by the index's own `processTerm`. */
export class FieldAnalysis {
  readonly #names = new Map<string, Map<string, AnalysedField>>();

  constructor(private readonly processTerm: ReturnType<typeof memoizedProcessTerm>) {}

  /** A field's distinct word count and its terms, in order. */
  of(value: string, name: string): AnalysedField {
    const tokens = tokenize(value, name);
    const terms: string[] = [];
    for (const token of tokens) {
      const processed = this.processTerm(token, name);
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
  name(value: string, name: string): AnalysedField {
    let names = this.#names.get(name);
    if (!names) this.#names.set(name, (names = new Map()));
    let analysed = names.get(value);
    if (analysed === undefined) {
      if (names.size >= NAMES_KEPT) names.clear();
      names.set(value, (analysed = this.of(value, name)));
    }
    return analysed;
  }
}
