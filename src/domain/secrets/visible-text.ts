/**
 * Format characters (zero-width space and joiners, bidi marks, soft hyphen, word joiner, BOM,
 * tag characters: Unicode's Cf category) and the fillers that render as nothing. Pasted into
 * a key ("sk-ant-\u200b…") they split it for a regex but not for whoever copies it back out.
 */
// The class lists combining marks (U+034F, variation selectors) on purpose: each is removed alone.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u180B-\u180D\u3164\uFE00-\uFE0F\uFFA0]/gu;

/** The text as a reader sees it, on one line: invisible characters gone, whitespace runs folded. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/gu, ' ');
}
