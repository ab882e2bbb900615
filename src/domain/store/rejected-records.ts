import { DurableTextFile } from './durable-text-file.js';
import type { StoreFlaw } from './store-records.js';

/**
 * Keeps what a repair takes out of a store, beside it: `<store>.rejected-<timestamp>`, JSON
 * with each record exactly as it was parsed, its place in the file and why it was taken out,
 * and the memories served under a new id. Written durably (temp file, fsync, rename) before the
 * store is rewritten without them. Not named `.json`: it is not a store (list-stores.ts).
 */
export async function keepRejectedRecords(storePath: string, flaws: readonly StoreFlaw[], now: Date): Promise<string> {
  const path = `${storePath}.rejected-${now.toISOString().replace(/[:.]/gu, '-')}`;
  const records = flaws.flatMap((flaw) => (flaw.kind === 'duplicate_id' ? [] : [{ record: flaw.index + 1, why: whyTakenOut(flaw), value: flaw.record }]));
  const renamed = flaws.flatMap((flaw) => (flaw.kind === 'duplicate_id' ? [{ record: flaw.index + 1, id: flaw.id, renamedTo: flaw.renamedTo }] : []));
  const text = `${JSON.stringify({ store: storePath, repairedAt: now.toISOString(), records, renamed }, null, 2)}\n`;
  await new DurableTextFile(path).write(text);
  return path;
}

function whyTakenOut(flaw: Exclude<StoreFlaw, { kind: 'duplicate_id' }>): string {
  return flaw.kind === 'invalid' ? `${flaw.field}: ${flaw.rule}` : `an exact copy of an earlier record with the same id`;
}
