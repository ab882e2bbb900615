import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { parseStore } from '../../src/domain/store/store-file.js';
import { HookedTextFile } from '../support/hooked-text-file.js';

// At the adapter level: a lock-free read that was already in flight
// when this process wrote must not put older data back in place of the write, or the next
// write would be made on that older data and silently drop an acknowledged memory.

/** The real text file, with hooks that let a test hold a read and act right after a rename. */
class SteppedTextFile extends HookedTextFile {
  holdNextRead: Promise<void> | undefined;
  afterNextWrite: (() => Promise<void>) | undefined;

  override async readBytes(): Promise<Buffer | null> {
    const text = await super.readBytes();
    const hold = this.holdNextRead;
    this.holdNextRead = undefined;
    await hold;
    return text;
  }

  protected override async afterAnyWrite(): Promise<void> {
    const after = this.afterNextWrite;
    this.afterNextWrite = undefined;
    await after?.();
  }
}

const storedContents = (path: string) => {
  const parsed = parseStore(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  return parsed.data.memories.map((memory) => memory.content).sort();
};

describe('a read in flight while this process writes', () => {
  it('cannot bring back older data that the next write would then be based on', async ({ path }) => {
    const file = new SteppedTextFile(path);
    const mine = new MemoryService(new MemoryStore(path, { textFile: file }));
    const otherProcess = new MemoryService(new MemoryStore(path));
    await mine.add({ type: 'pattern', content: 'First fact, seen by both' });
    await otherProcess.add({ type: 'pattern', content: 'Second fact, from the other process' });

    // A read (say read_memories) starts, sees the file changed, reads it and is held there...
    let release!: () => void;
    file.holdNextRead = new Promise((done) => (release = done));
    const slowRead = mine.snapshot();
    await new Promise((done) => setTimeout(done, 20));
    // ...while an add, under the lock, reads again, writes, and the held read resumes right
    // after the rename, with the bytes it read before it. (It resumes, but is not awaited inside
    // the write: reads wait for this process's writes in flight, so that would never return.)
    file.afterNextWrite = async () => {
      release();
      await new Promise((done) => setTimeout(done, 20));
    };
    await mine.add({ type: 'pattern', content: 'Third fact, acknowledged' });
    expect((await slowRead).data.memories.map((memory) => memory.content)).toContain('Third fact, acknowledged');
    await mine.add({ type: 'pattern', content: 'Fourth fact, written next' });

    expect(storedContents(path)).toEqual(['First fact, seen by both', 'Fourth fact, written next', 'Second fact, from the other process', 'Third fact, acknowledged']);
  });
});

/** The real text file, except that the next write can be frozen before it starts. */
class FreezableTextFile extends HookedTextFile {
  private frozen: { paused: () => void; thawed: Promise<void> } | undefined;

  /** Freezes the next write; resolves once it is frozen, with the function that thaws it. */
  freezeNextWrite(): Promise<() => void> {
    return new Promise((onPaused) => {
      let thaw!: () => void;
      const thawed = new Promise<void>((done) => (thaw = done));
      this.frozen = { paused: () => onPaused(thaw), thawed };
    });
  }

  protected override async beforeAnyWrite(): Promise<void> {
    const frozen = this.frozen;
    this.frozen = undefined;
    if (frozen) {
      frozen.paused();
      await frozen.thawed;
    }
  }
}

describe('a writer frozen while holding the lock', () => {
  it('redoes its write on the newer file when its lock was taken over meanwhile, dropping nothing', async ({ path }) => {
    const file = new FreezableTextFile(path);
    const frozen = new MemoryService(new MemoryStore(path, { textFile: file, lock: { onCompromised: () => undefined } }));
    const other = new MemoryService(new MemoryStore(path));
    await frozen.add({ type: 'pattern', content: 'Stored before the freeze' });

    const freezing = file.freezeNextWrite();
    const slowAdd = frozen.add({ type: 'pattern', content: 'Stored by the writer that froze' });
    const thaw = await freezing;
    // As after STALE_MS without a refresh (laptop asleep, process stopped): the lock is taken over.
    rmSync(`${path}.lock`, { recursive: true, force: true });
    await other.add({ type: 'pattern', content: 'Stored while the other writer was frozen' });
    thaw();
    await slowAdd;

    expect(storedContents(path)).toEqual(['Stored before the freeze', 'Stored by the writer that froze', 'Stored while the other writer was frozen']);
  });
});

/** The real text file, whose lock is taken over (as from a holder stalled past its refresh) right before the next write. */
class TakenOverBeforeWrite extends HookedTextFile {
  takeOver: (() => void) | undefined;

  protected override async beforeAnyWrite(): Promise<void> {
    const takeOver = this.takeOver;
    this.takeOver = undefined;
    takeOver?.();
  }
}

describe('a holder whose lock was taken over while it was stalled', () => {
  // Judged by its refresh (another host or PID namespace), a holder stalled past STALE_MS loses
  // its lock. Running again, it must not write beside the new holder: it waits for a lock of its
  // own and redoes the change there, leaving the new holder's lock alone.
  it.for(['an add appended in place', 'a whole rewrite'] as const)('writes nothing while the new holder has the lock, then redoes %s under its own', async (kind, { path }) => {
    const file = new TakenOverBeforeWrite(path);
    const service = new MemoryService(new MemoryStore(path, { textFile: file, lock: { onCompromised: () => undefined } }));
    const first = await service.add({ type: 'pattern', content: 'First fact, before the stall' });
    const before = readFileSync(path);
    const theirs = `${process.ppid}@${hostname()}\n`;
    let whileTheyHeldIt: { bytes: Buffer; owner: string } | undefined;
    file.takeOver = () => {
      rmSync(`${path}.lock`, { recursive: true });
      mkdirSync(`${path}.lock`);
      writeFileSync(`${path}.lock/owner`, theirs);
      setTimeout(() => {
        whileTheyHeldIt = { bytes: readFileSync(path), owner: readFileSync(`${path}.lock/owner`, 'utf8') };
        rmSync(`${path}.lock`, { recursive: true });
      }, 300);
    };
    if (kind === 'an add appended in place') await service.add({ type: 'pattern', content: 'Second fact, after the stall' });
    else await service.update({ id: first.memory.id, content: 'First fact, changed after the stall' });
    expect(whileTheyHeldIt).toEqual({ bytes: before, owner: theirs });
    expect(storedContents(path)).toEqual(kind === 'an add appended in place' ? ['First fact, before the stall', 'Second fact, after the stall'] : ['First fact, changed after the stall']);
  });
});
