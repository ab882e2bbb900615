// Numbers written in words the ways a one-line fact writes them, for the generated fact pairs.

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** `n` (0-999) in words: "forty-eight" or "forty eight", "one hundred twenty" or "one hundred and twenty". */
export function numberInWords(n: number, { hyphen = true, and = false } = {}): string {
  if (n < 20) return UNITS[n]!;
  if (n < 100) return n % 10 === 0 ? TENS[n / 10]! : `${TENS[Math.floor(n / 10)]}${hyphen ? '-' : ' '}${UNITS[n % 10]}`;
  const hundreds = `${UNITS[Math.floor(n / 100)]} hundred`;
  return n % 100 === 0 ? hundreds : `${hundreds} ${and ? 'and ' : ''}${numberInWords(n % 100, { hyphen })}`;
}

/** Every spelling of `n` a fact may use: its digits and its words. */
export const numberSpellings = (n: number): string[] =>
  [String(n), numberInWords(n), numberInWords(n, { hyphen: false }), numberInWords(n, { and: true })];
