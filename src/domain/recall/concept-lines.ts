import { CONCEPT_AREAS } from './concepts/index.js';
import { EQUIVALENTS } from './equivalents.js';
import { mentionTermsOf, termsOf } from './search-terms.js';

/**
 * What a table phrase counts when a query brings it in for a word the user wrote: an equivalent
 * spelling stands in fully, a synonym of the concept less, a related word less again. On the
 * tuned part of npm run eval, synonym weights 0.5-0.7 ranked best (0.2 lost paraphrase hit@1 0.77
 * → 0.64, 0.9 lost keyword hit@1 1.00 → 0.95); with the session 7 table, related weights of 0.15
 * and ~0 lost a blind query each at hit@3 against 0.3.
 */
const EQUIVALENT_WEIGHT = 0.9;
const SYNONYM_WEIGHT = 0.5;
const RELATED_WEIGHT = 0.3;
/** When no memory holds the user's word, what it brings in is all the query has: a related word then counts this much. */
const RELATED_UNMATCHED_WEIGHT = 0.6;

export interface Phrase {
  /** Its words as a query is read to spot it (mentionTermsOf): stop words kept. */
  readonly mention: readonly string[];
  /** Its content words, as the index holds them. */
  readonly words: readonly string[];
  /** What a memory must all hold to match it: its words, or none when that would leak a piece (see phraseOf). */
  readonly terms: readonly string[];
}

/** One line of the tables as a query uses it once it names it: what it brings in, and how. */
export interface TableLine {
  readonly weight: number;
  readonly unmatchedWeight: number;
  /** Whether query words that both name it count as one matched word (synonyms), or stay two (related words). */
  readonly joins: boolean;
  readonly searched: readonly Phrase[];
}

/** A line a query names at one position, and its phrases the query holds there. */
export interface MentionedLine {
  readonly line: TableLine;
  readonly mentioned: readonly Phrase[];
}

interface LineSource {
  readonly weight: number;
  readonly unmatchedWeight: number;
  readonly joins: boolean;
  /** The phrases that spot it; a related line's or a kind's subject also spots it through its synonyms. */
  readonly spotted: readonly string[];
  readonly subject?: string;
  readonly searched: readonly string[];
  line?: TableLine;
}

/** Every line of the tables, and their spotting phrases as one text: `${line}|${phrase}` a row. */
let table: { sources: LineSource[]; rows: string; bySubject: Map<string, LineSource[]> } | undefined;
/** Each phrase analysed once, on first need; one object per text, so a line's phrase is the one a query mentioned. */
const phrases = new Map<string, Phrase>();
/** Per query word, the phrases starting with it and their lines; bounded, as queries bring any word. */
const startingWith = new Map<string, Array<{ source: LineSource; phrase: Phrase }>>();
const WORDS_KEPT = 10_000;

/**
 * The lines the query (`mentions`, as mentionTermsOf reads it) names by a phrase starting at
 * `at`. On first use the tables become one text of rows; a query word is looked for there by the
 * first three characters of its phrases, which stemming never changes (tests/unit/recall-concept-
 * table.test.ts checks every phrase), and only the phrases found, then only the lines the query
 * truly names, are analysed. Stemming all ~3,000 phrases up front cost the first query of a
 * process (a Claude Code hook) 12-17 ms, and analysing every line a query word might start ~10.
 */
export function linesMentionedAt(mentions: readonly string[], at: number): MentionedLine[] {
  const { bySubject } = (table ??= tableRows());
  const named = new Map<LineSource, Phrase[]>();
  const name = (source: LineSource, phrase: Phrase) => {
    const mentioned = named.get(source);
    if (!mentioned) named.set(source, [phrase]);
    else if (!mentioned.includes(phrase)) mentioned.push(phrase);
  };
  for (const { source, phrase } of phrasesStartingWith(mentions[at]!)) {
    if (!phrase.mention.every((term, i) => mentions[at + i] === term)) continue;
    name(source, phrase);
    // A synonym of a subject names what goes with the subject ("out of memory": memoryoverhead).
    if (source.joins) for (const synonym of source.spotted) for (const related of bySubject.get(synonym) ?? []) name(related, phrase);
  }
  return [...named].map(([source, mentioned]) => ({ line: lineOf(source), mentioned }));
}

function phrasesStartingWith(word: string): Array<{ source: LineSource; phrase: Phrase }> {
  let found = startingWith.get(word);
  if (found) return found;
  const { sources, rows } = table!;
  found = [];
  // The prefix is letters, digits and underscores: nothing a pattern would read as syntax.
  for (const [, index, text] of rows.matchAll(new RegExp(`^(\\d+)\\|([^a-z0-9\\n]*${prefixOf(word)}.*)$`, 'gm'))) {
    const phrase = phraseOf(text!);
    if (phrase.mention[0] === word) found.push({ source: sources[Number(index)]!, phrase });
  }
  if (startingWith.size >= WORDS_KEPT) startingWith.clear();
  startingWith.set(word, found);
  return found;
}

function tableRows(): NonNullable<typeof table> {
  const sources = [...allSources()];
  const bySubject = new Map<string, LineSource[]>();
  for (const source of sources) if (source.subject !== undefined) bySubject.set(source.subject, [...(bySubject.get(source.subject) ?? []), source]);
  return { sources, bySubject, rows: sources.map(({ spotted }, i) => `${i}|${spotted.join(`\n${i}|`)}`).join('\n') };
}

/** Up to three letters, digits or underscores from the first letter or digit: the same for a phrase and for its first word stemmed. */
export function prefixOf(text: string): string {
  let from = 0;
  while (from < text.length && !isAlphanumeric(text.charCodeAt(from))) from++;
  let to = from;
  while (to < text.length && to - from < 3 && (isAlphanumeric(text.charCodeAt(to)) || text.charCodeAt(to) === 95)) to++;
  return text.slice(from, to);
}

const isAlphanumeric = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

function* allSources(): Iterable<LineSource> {
  for (const line of EQUIVALENTS) yield { weight: EQUIVALENT_WEIGHT, unmatchedWeight: 1, joins: true, spotted: line, searched: line };
  for (const area of CONCEPT_AREAS) {
    for (const line of area.synonyms) yield { weight: SYNONYM_WEIGHT, unmatchedWeight: 1, joins: true, spotted: line, searched: line };
    // A subject brings in what goes with it; what goes with it brings in nothing: "partitions"
    // is said of far more than OOM.
    for (const [subject, ...with_] of area.related) yield related(subject!, with_);
    // A kind brings in every thing of that kind; a thing brings in nothing (concept-area.ts).
    for (const [kind, ...things] of area.kinds ?? []) yield related(kind!, things);
  }
}

const related = (subject: string, searched: readonly string[]): LineSource => ({ weight: RELATED_WEIGHT, unmatchedWeight: RELATED_UNMATCHED_WEIGHT, joins: false, spotted: [subject], subject, searched });

function lineOf(source: LineSource): TableLine {
  return (source.line ??= { weight: source.weight, unmatchedWeight: source.unmatchedWeight, joins: source.joins, searched: source.searched.map(phraseOf) });
}

/**
 * A phrase of several words is searched as all its content words at once, never word by word:
 * "out of memory" searched "out" and "memory" apart, and "out" alone matched "out of order". One
 * left alone by dropping stop words is not searched at all ("on-call" would search "call", "files
 * of" every memory saying "file"), only spotted.
 */
export function phraseOf(text: string): Phrase {
  let phrase = phrases.get(text);
  if (phrase) return phrase;
  const mention = mentionTermsOf(text);
  const words = termsOf(text);
  phrase = { mention, words, terms: mention.length > 1 && words.length < 2 ? [] : words };
  phrases.set(text, phrase);
  return phrase;
}
