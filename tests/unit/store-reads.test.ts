import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { DurableTextFile } from '../../src/domain/store/durable-text-file.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { HookedTextFile } from '../support/hooked-text-file.js';

// Reads take no file lock, but within one process they must never go backwards: a write changes
// the data in memory before it reaches the disk, and if that write then fails (disk full), a read
// made meanwhile must show neither its change nor the empty placeholder it leaves behind.

/** The real file, except that the next write can be held and then failed like a full disk. */
class FailingLater extends HookedTextFile {
  private held: Promise<void> | undefined;
  holdAndFailNext(): () => void {
    let release!: () => void;
    this.held = new Promise((done) => (release = done));
    return release;
  }
  protected override async beforeAnyWrite(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    await held;
    throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  }
}

describe('a lock-free read while a write of the same process fails', () => {
  it('shows neither the failed change nor an empty store', async ({ dir }) => {
    const file = new FailingLater(join(dir, 'p-00000000.json'));
    const service = new MemoryService(new MemoryStore(file.path, { textFile: file }));
    await service.add({ type: 'pattern', content: 'Acknowledged seed fact' });

    const release = file.holdAndFailNext();
    const failing = service.add({ type: 'pattern', content: 'Fact whose write will fail' }).catch((error: Error) => error);
    await sleep(20);
    const reading = service.snapshot().then(({ data }) => data.memories.map((memory) => memory.content));
    await sleep(20);
    release();

    expect(await failing).toMatchObject({ code: 'store_unavailable' });
    expect(await reading).toEqual(['Acknowledged seed fact']);
    expect((await service.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['Acknowledged seed fact']);
  });
});

/** The real file, except that the next read can be held after it has read the bytes. */
class HeldRead extends DurableTextFile {
  private held: Promise<void> | undefined;
  holdNextRead(): () => void {
    let release!: () => void;
    this.held = new Promise((done) => (release = done));
    return release;
  }
  override async readBytes(): Promise<Buffer | null> {
    const text = await super.readBytes();
    const held = this.held;
    this.held = undefined;
    await held;
    return text;
  }
}

describe('two lock-free reads that finish out of order', () => {
  it('never put the older file back in place of the newer one', async ({ dir }) => {
    const file = new HeldRead(join(dir, 'p-00000000.json'));
    const mine = new MemoryService(new MemoryStore(file.path, { textFile: file }));
    const otherProcess = new MemoryService(new MemoryStore(file.path));
    await otherProcess.add({ type: 'pattern', content: 'First fact from elsewhere' });

    const release = file.holdNextRead();
    const slow = mine.snapshot();
    await sleep(20);
    await otherProcess.add({ type: 'pattern', content: 'Second fact from elsewhere' });
    const fast = await mine.snapshot();
    expect(fast.data.memories).toHaveLength(2);
    release();
    await slow;

    expect((await mine.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['First fact from elsewhere', 'Second fact from elsewhere']);
    expect((await slow).data.memories).toHaveLength(2);
  });
});
