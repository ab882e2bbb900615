/**
 * Function words that carry no meaning in a one-line memory. Dropping them keeps every
 * memory from matching "the" in search, and keeps "Partition the events table" a
 * duplicate of "Partition events table". Negations (not, no, never, without) are
 * deliberately absent: they flip a memory's meaning.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from',
  'into', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'its', 'this', 'that', 'these',
  'those', 'as', 'do', 'does', 'so', 'than', 'then', 'e.g', 'i.e', 'etc',
]);
