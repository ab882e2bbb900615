import { createHash } from 'node:crypto';

// How an append lays records out in a store file, without the store's schema (zod): the Claude
// Code hooks' fast path reads an append with it too (src/claude-code/kept-index.ts).

/** How every store with at least one memory ends; an append writes over it. */
export const STORE_TAIL_TEXT = '\n]}\n';
/** Between two records, each on a line of its own. */
export const RECORD_SEPARATOR = ',\n';

/** The records in `text` when it is exactly `,\n<record>(,\n<record>)*\n]}\n` as an append writes it. */
export function appendedRecords(text: string): unknown[] | undefined {
  if (!text.startsWith(RECORD_SEPARATOR) || !text.endsWith(STORE_TAIL_TEXT) || text.length <= RECORD_SEPARATOR.length + STORE_TAIL_TEXT.length) return undefined;
  let records: unknown;
  try {
    records = JSON.parse(`[${text.slice(RECORD_SEPARATOR.length, -STORE_TAIL_TEXT.length)}]`);
  } catch {
    return undefined;
  }
  if (!Array.isArray(records) || records.length === 0) return undefined;
  // Byte for byte our layout: one record per line, nothing else (a line holding two records,
  // spaces, another array) and the file is read whole instead.
  let ours = '';
  for (const record of records) ours += RECORD_SEPARATOR + JSON.stringify(record);
  return ours + STORE_TAIL_TEXT === text ? records : undefined;
}

/**
 * The records appended to a store file whose bytes were `before` (their length and sha1) to make
 * `now`, when `now` is exactly those bytes with an append written over their tail; undefined
 * otherwise (any other change, anywhere in the file, changes the digest of what precedes the
 * append). Pure, on bytes the caller read: a digest proves the whole beginning unchanged, which
 * a reader that never read it (appended-tail.ts) must take from <store>.last-write instead.
 */
export function recordsAppendedTo(now: Uint8Array, before: { length: number; digest: string }): unknown[] | undefined {
  const kept = before.length - STORE_TAIL_TEXT.length;
  if (kept <= 0 || now.length <= before.length) return undefined;
  const bytes = Buffer.from(now.buffer, now.byteOffset, now.byteLength);
  const digest = createHash('sha1').update(bytes.subarray(0, kept)).update(STORE_TAIL_TEXT).digest('hex');
  return digest === before.digest ? appendedRecords(bytes.toString('utf8', kept)) : undefined;
}
