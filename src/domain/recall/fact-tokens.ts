import { joinedCompounds, joinsAtEdges } from './compound-joins.js';
import { EQUIVALENTS } from './equivalents.js';
import { isKindWord, isName, namesAfterKinds } from './named-things.js';
import { foldsAsNumber } from './number-words.js';
import { STOP_WORDS } from './stop-words.js';
import { FOLDED, foldWord, rawPieces, remembered, splitPiece, surfaceWords } from './surface-words.js';

/** Phrases that say "not" in a fact ("X instead of Y" states "X, not Y"); the words of one are surface-words.ts's. */
const NEGATION_PHRASES = ['instead of', 'rather than'];

/**
 * Words that say nothing a one-line fact depends on ("Always X" is "X"). They still count in the
 * similarity shown to users, but two memories that differ only in them are one fact. "to" is here
 * because "set it to 30s" / "set it 30s" are one fact, while "from" is not: "from A to B" and
 * "to A from B" must differ, and the kept "from" tells them apart.
 */
const FILLER_WORDS = ['always', 'just', 'also', 'simply', 'please', 'should', 'must', 'we', 'our', 'us', 'you', 'your', 'every', 'to'];

/** Stop words that carry direction or choice in a fact, so they are kept. */
const KEPT_STOP_WORDS: ReadonlySet<string> = new Set(['from', 'to', 'into', 'or']);

/**
 * A memory as the ordered words of the fact it states, for near-duplicate detection: case,
 * punctuation, stop words, plural and verb forms, number words ("three" → 3), unit spellings
 * ("30 s" → 30s), hyphenation and the spellings in equivalents.ts are folded away, while order,
 * numbers, identifiers (kept whole), named things and polarity ("not") remain.
 */
export function factTokens(content: string): string[] {
  return namesAfterKinds(keptTokens(foldPhrases(surfaceWords(content))), crossable);
}

/** Words a name may move past to follow its kind's (named-things.ts): not direction, choice, "not" or filler. */
const crossable = (word: string): boolean => word !== 'not' && !KEPT_STOP_WORDS.has(word) && !fillerWords().has(word);

/** What one raw piece of a content (split at SEPARATORS) adds to a fact, folded once per distinct piece. */
interface PieceFacts {
  /** Whether its words hold a number word or a unit (folded across pieces), or start a phrase. */
  acrossPieces: boolean;
  /** Its words that stay in factTokens (stop words dropped). */
  kept: readonly string[];
  /** Its words that stay in Fact.core, joined by spaces, compounds joined ('' for none). */
  core: string;
  /** Whether its core's first and last words join the neighbouring pieces' (compound-joins.ts). */
  joinsFirst: boolean;
  joinsLast: boolean;
  /** Whether it holds a name or the word for a kind of thing, which may change places (named-things.ts). */
  name: boolean;
  kind: boolean;
}

const PIECE_FACTS = new Map<string, PieceFacts>();

/**
 * Fact.core, joinedCompounds(coreOf(factTokens(content))), without re-folding each word: a piece's part of the core is kept
 * per distinct piece, and only a content holding a number word, a unit or a phrase's first word
 * (which fold across pieces) takes the whole path. The near-duplicate index keys every memory of
 * a store by its core on first use: 100,000 at once when a big store first meets the archive cap
 * (npm run bench "first add over the cap").
 */
export function factCore(content: string, coreOf: (tokens: readonly string[]) => string): string {
  const pieces = piecesOf(content, coreOf);
  if (pieces === undefined) return joinedCompounds(coreOf(factTokens(content)));
  let core = '';
  let joinsLast = false;
  for (const piece of pieces) {
    if (piece.core === '') continue;
    core = core === '' ? piece.core : `${core}${joinsLast && piece.joinsFirst ? '' : ' '}${piece.core}`;
    joinsLast = piece.joinsLast;
  }
  return core;
}

/**
 * The distinct words of factTokens(content), by the same per-piece path as factCore: the
 * near-duplicate index posts every active memory under its words on its first related-memory
 * look-up, and folding each of 100,000 contents whole was most of that build's garbage.
 */
export function factWords(content: string, coreOf: (tokens: readonly string[]) => string): string[] {
  const pieces = piecesOf(content, coreOf);
  if (pieces === undefined) return [...new Set(factTokens(content))];
  const words: string[] = [];
  // A fact is a few words: a scan of them costs less than a Set.
  for (const piece of pieces) for (const word of piece.kept) if (!words.includes(word)) words.push(word);
  return words;
}

/** The facts of each raw piece of `content`; undefined when one of them folds across pieces (see PieceFacts). */
function piecesOf(content: string, coreOf: (tokens: readonly string[]) => string): PieceFacts[] | undefined {
  const pieces: PieceFacts[] = [];
  let names = false;
  let kinds = false;
  for (const raw of rawPieces(content)) {
    const piece = remembered(PIECE_FACTS, raw, (key) => pieceFacts(key, coreOf));
    names ||= piece.name;
    kinds ||= piece.kind;
    if (piece.acrossPieces || (names && kinds)) return undefined;
    pieces.push(piece);
  }
  return pieces;
}

function pieceFacts(raw: string, coreOf: (tokens: readonly string[]) => string): PieceFacts {
  const pieces = splitPiece(raw);
  const byFirst = phrasesByFirstWord();
  const numbersOrUnits = pieces.some(foldsAsNumber);
  const words = pieces.map((piece) => remembered(FOLDED, piece, foldWord));
  const kept = keptTokens(words);
  const core = joinedCompounds(coreOf(kept));
  const edges = joinsAtEdges(core);
  return {
    acrossPieces: numbersOrUnits || words.some((word) => byFirst.has(word)),
    kept,
    core,
    joinsFirst: edges.first,
    joinsLast: edges.last,
    name: kept.some(isName),
    kind: kept.some(isKindWord),
  };
}

/** A setting of a word to a word: "mode=reschedule". */
const WORD_SETTING = /^(\p{Ll}+)=(\p{Ll}+)$/u;

/** Stop words dropped but those that carry direction or choice; "into" is "to"; "mode=reschedule" is "reschedule mode". */
function keptTokens(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const setting = word.includes('=') ? settingWords(word) : undefined;
    if (setting) out.push(...setting);
    else if (word === 'into') out.push('to');
    else if (KEPT_STOP_WORDS.has(word) || !STOP_WORDS.has(word)) out.push(word);
  }
  return out;
}

/**
 * A setting of one word to another as the words that say it: "mode=reschedule" is "reschedule
 * mode", as "format=parquet" is "parquet format". Undefined (the setting stays one identifier)
 * when either side is a word the fact drops or folds with its neighbours (a stop word, filler, a
 * phrase's first word, a number word or unit, "not"): "acks=all" stays whole, since "all" is filler.
 */
function settingWords(word: string): [string, string] | undefined {
  const parts = WORD_SETTING.exec(word);
  if (!parts) return undefined;
  const folded = [parts[2]!, parts[1]!].map((part) => (STOP_WORDS.has(part) || foldsAsNumber(part) ? undefined : remembered(FOLDED, part, foldWord)));
  const byFirst = phrasesByFirstWord();
  const kept = folded.every((part) => part !== undefined && part !== 'not' && !STOP_WORDS.has(part) && !fillerWords().has(part) && !byFirst.has(part));
  return kept ? (folded as [string, string]) : undefined;
}

let filler: ReadonlySet<string> | undefined;

/** Words of `factTokens` that two memories may differ in and still state one fact (made on first use, like the phrases below). */
export const fillerWords = (): ReadonlySet<string> => (filler ??= new Set(FILLER_WORDS.flatMap((word) => surfaceWords(word))));

export interface Phrase {
  words: readonly string[];
  canonical: readonly string[];
}

/**
 * phraseTable() as scripts/build.mjs made it (scripts/build/phrase-table.mjs), from this same
 * code and data, as JSON; absent when run from source. Folding every phrase of the table cost the
 * first capture of a hook process ~5-17 ms (its first stem() calls run cold; issue #17 point 2).
 * A string, not the table itself: esbuild defines an object in a module of its own, which every
 * module of the bundle then initialises first.
 */
declare const BUILT_PHRASE_TABLE: string | undefined;

/**
 * The phrases under their first word, made on first use, not at load: a process that never
 * compares facts (a Claude Code hook that only reads) needs none of it.
 */
let phrasesByFirst: ReadonlyMap<string, readonly Phrase[]> | undefined;

function phrasesByFirstWord(): ReadonlyMap<string, readonly Phrase[]> {
  phrasesByFirst ??= new Map(typeof BUILT_PHRASE_TABLE === 'string' ? (JSON.parse(BUILT_PHRASE_TABLE) as Array<[string, Phrase[]]>) : phraseTable());
  return phrasesByFirst;
}

/**
 * Each phrase's first word and the phrases starting with it, longest first, so "every day" is
 * read as "daily" before "every" is read alone. Pure: the build runs it once to embed the result.
 */
export function phraseTable(): Array<[string, Phrase[]]> {
  const phrases: Phrase[] = [
    ...NEGATION_PHRASES.map((phrase) => ({ words: surfaceWords(phrase), canonical: ['not'] })),
    ...EQUIVALENTS.flatMap(([canonical, ...variants]) =>
      variants.map((variant) => ({ words: surfaceWords(variant), canonical: surfaceWords(canonical!) }))),
  ].sort((a, b) => b.words.length - a.words.length);
  const byFirst = new Map<string, Phrase[]>();
  for (const phrase of phrases) {
    const first = phrase.words[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
  }
  return [...byFirst];
}

function foldPhrases(words: readonly string[]): string[] {
  const byFirst = phrasesByFirstWord();
  if (!words.some((word) => byFirst.has(word))) return words as string[];
  const out: string[] = [];
  for (let at = 0; at < words.length;) {
    const match = byFirst.get(words[at]!)?.find((phrase) => phrase.words.every((word, i) => words[at + i] === word));
    if (match) {
      out.push(...match.canonical);
      at += match.words.length;
    } else out.push(words[at++]!);
  }
  return out;
}
