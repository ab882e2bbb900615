/**
 * Words whose stem is not their prefix, or that merely end like an inflection. Without
 * these, "using" would never meet "use" and "embed" would lose its "-ed".
 */
const FIXED: ReadonlyMap<string, string> = new Map([
  ['used', 'use'],
  ['uses', 'use'],
  ['using', 'use'],
  ['embed', 'embed'],
  ['embeds', 'embed'],
  ['shred', 'shred'],
  ['hundred', 'hundred'],
]);

const HAS_VOWEL = /[aeiouy]/;
/** A doubled final consonant left by "-ing"/"-ed" (mapp-ing); l, s and z double in the base word too (fill, pass, buzz). */
const DOUBLED = /([^aeiouylsz])\1$/;
/** Consonant-vowel-consonant stems lost a silent "e" to "-ing"/"-ed" (cod-ing, typ-ed, bas-ed). */
const SHORT_CVC = /^[^aeiou][aeiouy][^aeiouwxy]$/;

/**
 * A small, conservative English suffix stemmer, so "retries" meets "retry" and
 * "order lookups." is the same memory as "order lookup".
 *
 * It folds inflections: plural -s/-es/-ies, -ing, -ed, -ly (but not the "ply" of apply or
 * supply; cheaply and deeply are adverbs), a silent final -e on words
 * of five letters or more, and final consonant+y → i (retry/retries → "retri"). The one
 * derivation it folds is -ation → -at (validation/validate → "validat"), on words of
 * eight letters or more so "station" and "nation" survive; -ure verbs stay apart
 * (configuration → "configurat", configure → "configur") because telling the two kinds
 * apart needs a dictionary. Other derivations (-ment, -er) are left alone: a stem that
 * merges two different words would make distinct memories look like duplicates.
 * Anything shorter than four letters or containing a non a-z character is returned as is.
 */
export function stem(word: string): string {
  const fixed = FIXED.get(word);
  if (fixed !== undefined) return fixed;
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;

  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const again = FIXED.get(w);
  if (again !== undefined) return again;

  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length >= 6 && HAS_VOWEL.test(w.slice(0, -3))) w = restore(w.slice(0, -3));
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length >= 5 && HAS_VOWEL.test(w.slice(0, -2))) w = restore(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length >= 6 && (!w.endsWith('ply') || /[ae]ply$/.test(w))) w = w.slice(0, -2);
  else if (w.endsWith('ation') && w.length >= 8) w = w.slice(0, -3);

  if (w.length >= 5 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  if (w.length >= 4 && /[^aeiou]y$/.test(w)) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Undo the spelling changes "-ing"/"-ed" make to the base word. */
function restore(base: string): string {
  if (base.length >= 4 && DOUBLED.test(base)) return base.slice(0, -1);
  return SHORT_CVC.test(base) ? `${base}e` : base;
}
