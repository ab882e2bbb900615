// A fact's core with compounds written as one (similarity.ts Fact.core): "web-hooks", "web hooks"
// and "webhooks" are one word, as are "lake house" / "lakehouse" and "not_null" / "not-null".

/** Between two words of letters, neither of them "not" ("not null" is not "notnull"). */
const BETWEEN_WORDS = /(?<=(?:^| )\p{Ll}+)(?<!(?:^| )not) (?=\p{Ll}+(?: |$))(?!not(?: |$))/gu;
/** A snake_case name of letters only ("not_null"), not one holding digits or dots. */
const SNAKE_CASE_WORDS = /(?<=^| )\p{Ll}+(?:_\p{Ll}+)+(?= |$)/gu;
const LETTERS = /^\p{Ll}+$/u;

/**
 * `core` (words joined by spaces) with every two neighbouring words of letters joined. Only
 * letters join, so numbers, units and identifiers keep their places, and "not" stays a word of its
 * own. Joining cannot make two different strings of letters one: two cores become equal only when
 * they spell the same letters in the same order, split in other places. A snake_case name joins as
 * its words do, so only while they are words no fold changes: "sort_key" is "sort key", while
 * "unique_key" stays apart from "unique key" (whose "unique" is stemmed).
 */
export function joinedCompounds(core: string): string {
  // Most pieces of a content are one word: nothing to join (the index keys every memory by its core).
  if (!core.includes(' ') && !core.includes('_')) return core;
  const words = core.includes('_') ? core.replace(SNAKE_CASE_WORDS, (name) => name.replaceAll('_', ' ')) : core;
  return words.replace(BETWEEN_WORDS, '');
}

/** Whether a joined core's first or last word would join a word of letters beside it. */
export function joinsAtEdges(joined: string): { first: boolean; last: boolean } {
  const space = joined.indexOf(' ');
  if (space < 0) return joins(joined) ? BOTH : NEITHER;
  const first = joined.slice(0, space);
  const last = joined.slice(joined.lastIndexOf(' ') + 1);
  return { first: joins(first), last: joins(last) };
}

const BOTH = Object.freeze({ first: true, last: true });
const NEITHER = Object.freeze({ first: false, last: false });
const joins = (word: string): boolean => word !== 'not' && LETTERS.test(word);
