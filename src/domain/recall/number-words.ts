// Numbers as a one-line fact writes them: number words and a unit after a number each have one
// spelling, so "three retries" / "3 retries" and "30 s" / "30 seconds" state one value.

const NUMBER = /^\d+(?:\.\d+)?$/;
/** A number with a unit written onto it ("30s", "128mb", "10k"): the number, then the letters. */
export const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?)([a-z%]+)$/;

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
    'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'].map((word, value) => [word, value] as const)
    .concat(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((word, i) => [word, 20 + 10 * i] as const)),
);
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([['hundred', 100], ['thousand', 1_000], ['million', 1_000_000]]);

/** A unit as written after a number → one spelling: "30 s", "30s" and "30 seconds" are one value. */
const UNITS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    s: ['s', 'sec', 'secs', 'second', 'seconds'],
    ms: ['ms', 'msec', 'msecs', 'millisecond', 'milliseconds'],
    min: ['min', 'mins', 'minute', 'minutes'],
    h: ['h', 'hr', 'hrs', 'hour', 'hours'],
    d: ['d', 'day', 'days'],
    w: ['w', 'wk', 'wks', 'week', 'weeks'],
    '%': ['%', 'percent', 'pct'],
    x: ['x'],
    ...Object.fromEntries(['kb', 'mb', 'gb', 'tb', 'pb', 'kib', 'mib', 'gib', 'tib'].map((unit) => [unit, [unit]])),
  }).flatMap(([unit, spellings]) => spellings.map((spelling) => [spelling, unit] as const)),
);

/** A word the folds below may change: a number word, a multiplier, a unit, "twice". */
export function foldsAsNumber(word: string): boolean {
  return NUMBER_WORDS.has(word) || MULTIPLIERS.has(word) || UNITS.has(word) || word === 'twice';
}

export const isUnit = (spelling: string): boolean => UNITS.has(spelling);

/** Number words folded into digits, then each number and the unit after it into one value. */
export function foldNumbersAndUnits(words: readonly string[]): string[] {
  return foldUnits(foldNumberWords(words));
}

/** How a number written in words may go on: "twenty" takes a unit, "one hundred" takes up to 99. */
interface NumberInWords {
  /** Whether it ends in a tens word ("forty"), which a unit ("eight") may follow. */
  tens: boolean;
  /** Its smallest multiplier so far ("thousand" in "two thousand"): a smaller number word adds to it. */
  scale: number;
}

/**
 * "three" → "3", "twenty four" / "forty-eight" → "24" / "48", "one hundred (and) twenty" → "120",
 * "2 hundred" → "200", "twice" → "2 time". Only words compose: "100 20" stays two numbers, and so
 * does "one two".
 */
function foldNumberWords(words: readonly string[]): string[] {
  const out: string[] = [];
  let open: NumberInWords | undefined;
  for (let at = 0; at < words.length; at++) {
    const word = words[at]!;
    const last = out.length - 1;
    const previous = last >= 0 ? out[last]! : '';
    const value = NUMBER_WORDS.get(word);
    const multiplier = MULTIPLIERS.get(word);
    if (word === 'twice') {
      out.push('2', 'time');
      open = undefined;
    } else if (value !== undefined && open !== undefined && composes(open, value)) {
      out[last] = String(Number(previous) + value);
      open = { tens: value >= 20, scale: open.scale };
    } else if (value !== undefined) {
      out.push(String(value));
      open = { tens: value >= 20, scale: Infinity };
    } else if (multiplier !== undefined && NUMBER.test(previous)) {
      const n = Number(previous);
      // "two thousand five hundred": only the part below the thousand is counted in hundreds.
      const below = open !== undefined && open.scale > multiplier ? n % open.scale : n;
      out[last] = String(n - below + below * multiplier);
      open = { tens: false, scale: multiplier };
    } else if (word === 'and' && open !== undefined && open.scale < Infinity && !open.tens && belowScale(words[at + 1], open.scale)) {
      // "one hundred and twenty": the "and" is part of the number.
    } else {
      out.push(word);
      open = undefined;
    }
  }
  return out;
}

/** Whether a number word of `value` goes on the number in words before it ("forty" + "eight", "hundred" + "twenty"). */
function composes(open: NumberInWords, value: number): boolean {
  if (open.tens) return value > 0 && value < 10;
  return open.scale < Infinity && value > 0 && value < Math.min(open.scale, 100);
}

const belowScale = (word: string | undefined, scale: number): boolean => {
  const value = word === undefined ? undefined : NUMBER_WORDS.get(word);
  return value !== undefined && value > 0 && value < Math.min(scale, 100);
};

/** A number followed by a unit becomes one value ("30", "seconds" → "30s"). */
function foldUnits(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const previous = out.length > 0 ? out[out.length - 1]! : '';
    const unit = UNITS.get(word);
    if (unit !== undefined && NUMBER.test(previous)) out[out.length - 1] = `${previous}${unit}`;
    else out.push(word);
  }
  return out;
}
