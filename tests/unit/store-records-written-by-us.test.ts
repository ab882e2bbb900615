import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import { fileStatOf } from '../../src/domain/store/file-version.js';
import { RECORD_RULES, lastWritePath, recordLastWrite } from '../../src/domain/store/last-write.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { tempStoreTest as it } from '../support/temp-store.js';

// A reader takes the records of a file as they are only when <store>.last-write proves a write
// of ours left the file exactly so, under this build's record rules (RECORD_RULES): every record
// then passed them when written. Any other file has each record checked, and a bad one named.

const GOOD = 'Partition orders by event date';
/** A store of two memories written by us, then its second record's type broken in place at the same length: "pattern" → "Pattern". */
async function storeWithBrokenRecord(path: string): Promise<void> {
  const service = new MemoryService(new MemoryStore(path));
  await service.add({ type: 'pattern', content: GOOD });
  await service.add({ type: 'pattern', content: 'Compact small files every hour' });
  const text = readFileSync(path, 'utf8');
  const at = text.lastIndexOf('"type":"pattern"');
  writeFileSync(path, `${text.slice(0, at)}"type":"Pattern"${text.slice(at + '"type":"pattern"'.length)}`);
}
const statNow = (path: string) => fileStatOf(statSync(path, { bigint: true }));
const flawsOfAFreshRead = async (path: string) => {
  const store = new MemoryStore(path);
  const { data } = await new MemoryService(store).snapshot();
  return { flaws: store.flaws.map((flaw) => flaw.kind), contents: data.memories.map((memory) => memory.content) };
};

describe('the records of a store file', () => {
  it('are checked when the file is not as the last write left it (a hand edit)', async ({ path }) => {
    await storeWithBrokenRecord(path);
    expect(await flawsOfAFreshRead(path)).toEqual({ flaws: ['invalid'], contents: [GOOD] });
  });

  it('are checked when the last write that left the file names no rules or others (an older or newer build)', async ({ path }) => {
    await storeWithBrokenRecord(path);
    for (const record of [`${statNow(path)}\n`, `${statNow(path)} records-0\n`]) {
      writeFileSync(lastWritePath(path), record);
      expect(await flawsOfAFreshRead(path), record).toEqual({ flaws: ['invalid'], contents: [GOOD] });
    }
  });

  it('are taken as written only on that proof: a record forged to name the edited file under these rules is believed', async ({ path }) => {
    // Not a case that arises (the record is written only by a write of ours, right after it): it
    // shows what the shortcut trusts, and that it is taken.
    await storeWithBrokenRecord(path);
    recordLastWrite(path, statNow(path));
    expect(readFileSync(lastWritePath(path), 'utf8')).toBe(`${statNow(path)} ${RECORD_RULES}\n`);
    expect((await flawsOfAFreshRead(path)).flaws).toEqual([]);
  });
});
