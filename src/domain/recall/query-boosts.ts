import type { Memory } from '../memory.js';
import { PROXIMITY_BOUND, ProximityScorer } from './proximity.js';
import type { TopOptions } from './top-k-search.js';

/** A memory whose content contains the whole query (two words or more) scores this many times higher. */
const PHRASE_BOOST = 2;

/** What a boost reads of a match: its memory, and what it derived from the content, kept for the next query. */
export interface BoostedText {
  readonly memory: Memory;
  /** Content reduced to lower-case words and single spaces, for the phrase boost; made on first need. */
  phraseText?: string;
  /** Content's terms in order, for the proximity boost; made on first need. */
  terms?: readonly string[];
}

/**
 * The proximity and exact-phrase boosts of a query of `words` (its terms, `groupOf` naming each
 * one's concept group), and their bound, as the top-k search takes them. `termsOf` turns a
 * content into terms as the index does; `textAt` gives a matched slot's memory.
 */
export function queryBoosts(
  text: string,
  words: readonly string[],
  groupOf: (term: string) => string,
  termsOf: (content: string) => readonly string[],
  textAt: (slot: number) => BoostedText,
): Pick<TopOptions, 'boost' | 'boostBound'> {
  const phrase = phraseText(text);
  const boostPhrase = phrase.trim().includes(' ');
  // Content holding the phrase holds each of its words, so only a memory that matched as many
  // groups as the query's words form can hold it: the others skip the string search.
  const distinctWords = new Set(words).size;
  const wordGroups = new Set(words.map(groupOf)).size;
  const proximity = new ProximityScorer(words);
  return {
    // Both boosts go only to a memory that matched every query word: working them out reads its
    // text, and a word held by most memories would otherwise have hundreds read per query.
    boost: (slot, score, matched) => {
      if (matched < wordGroups || (!boostPhrase && distinctWords < 2)) return score;
      const entry = textAt(slot);
      let boosted = score;
      if (distinctWords >= 2) boosted *= proximity.factor((entry.terms ??= termsOf(entry.memory.content)));
      if (boostPhrase && (entry.phraseText ??= phraseText(entry.memory.content)).includes(phrase)) boosted *= PHRASE_BOOST;
      return boosted;
    },
    boostBound: (matched) => (matched < wordGroups ? 1 : (distinctWords >= 2 ? PROXIMITY_BOUND : 1) * (boostPhrase ? PHRASE_BOOST : 1)),
  };
}

/** Words joined by single spaces and padded, so " dead letter queue " matches whole words only. */
function phraseText(text: string): string {
  return ` ${text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean).join(' ')} `;
}
