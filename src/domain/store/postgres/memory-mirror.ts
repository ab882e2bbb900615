import type { Memory } from '../../memory.js';
import { type StoreData, STORE_SCHEMA_VERSION } from '../store-file.js';
import type { StoreChange } from '../store-port.js';
import { type MemoryRow, memoryFromRow } from './rows.js';

/** What one change did to the memories, as rows to write. */
export interface RowChanges {
  upserts: { memory: Memory; ord: number }[];
  removed: string[];
  maxOrd: number;
}

/** Versions a reader can catch up over before it has to read the store whole. */
const LOG_LIMIT = 256;

/**
 * This server's copy of one project's rows: the data the service works on, which row each
 * memory is (its `ord`, the place in the order of last change) and the project version it
 * reflects. The database is the truth; the mirror follows it by applying changes since its
 * version, never by reloading. Invariant: `data.memories` is sorted by ord, and every memory in
 * it is the object `rows` holds for its id (objects are never mutated once stored).
 */
export class MemoryMirror {
  readonly data: StoreData;
  private readonly rows = new Map<string, { memory: Memory; ord: number }>();
  private readonly log: StoreChange[] = [];

  constructor(
    public version: number,
    private maxOrd: number,
    rows: readonly MemoryRow[],
    project: { name: string; root: string },
  ) {
    const memories = rows.map((row) => this.remember(row));
    this.data = { schemaVersion: STORE_SCHEMA_VERSION, project, memories };
  }

  /** Another server's commits, from its rows changed past our version (ordered by ord) and its deletions. */
  applyRemote(version: number, maxOrd: number, changed: readonly MemoryRow[], removed: readonly string[]): void {
    const upserted = changed.map((row) => memoryFromRow(row));
    const gone = removed.filter((id) => this.rows.has(id));
    const onlyAppends = gone.length === 0 && changed.every((row, i) => !this.rows.has(row.id) && Number(row.ord) > (i === 0 ? this.lastOrd() : Number(changed[i - 1]!.ord)));
    if (onlyAppends) {
      // The common case, another server's add: O(changes), not O(store).
      upserted.forEach((memory, i) => {
        this.rows.set(memory.id, { memory, ord: Number(changed[i]!.ord) });
        this.data.memories.push(memory);
      });
    } else {
      for (const id of gone) this.rows.delete(id);
      upserted.forEach((memory, i) => this.rows.set(memory.id, { memory, ord: Number(changed[i]!.ord) }));
      this.data.memories = [...this.rows.values()].sort((a, b) => a.ord - b.ord).map((row) => row.memory);
    }
    this.maxOrd = Math.max(this.maxOrd, maxOrd);
    this.record({ version, upserted, removed: gone });
  }

  /**
   * The rows a change made to `data.memories` must write: every memory that is not the object
   * its row holds, with an ord that keeps the order. A memory left in place (archived by the
   * cap) keeps its ord; one moved to or added at the end gets the next one. An order no ord
   * assignment can keep is renumbered whole (the service never makes one; a safety net).
   */
  diff(): RowChanges {
    const after = this.data.memories;
    const upserts: RowChanges['upserts'] = [];
    let nextOrd = this.maxOrd;
    let previousOrd = -Infinity;
    let known = 0;
    let inOrder = true;
    for (const memory of after) {
      const row = this.rows.get(memory.id);
      if (row) known++;
      if (row?.memory === memory) {
        if (row.ord <= previousOrd) inOrder = false;
        previousOrd = row.ord;
        continue;
      }
      const ord = row && row.ord > previousOrd ? row.ord : ++nextOrd;
      upserts.push({ memory, ord });
      previousOrd = ord;
    }
    const removed = known === this.rows.size ? [] : this.idsNotIn(after);
    if (inOrder) return { upserts, removed, maxOrd: nextOrd };
    return { upserts: after.map((memory, i) => ({ memory, ord: this.maxOrd + i + 1 })), removed, maxOrd: this.maxOrd + after.length };
  }

  /** Our own commit, once durable: the data already holds it. */
  applyOwn(version: number, changes: RowChanges): void {
    for (const id of changes.removed) this.rows.delete(id);
    for (const upsert of changes.upserts) this.rows.set(upsert.memory.id, upsert);
    this.maxOrd = changes.maxOrd;
    this.record({ version, upserted: changes.upserts.map((upsert) => upsert.memory), removed: changes.removed });
  }

  changesSince(version: number): readonly StoreChange[] | undefined {
    if (version === this.version) return [];
    const first = this.log[0];
    if (!first || first.version > version + 1 || version > this.version) return undefined;
    return this.log.filter((change) => change.version > version);
  }

  private record(change: StoreChange): void {
    this.version = change.version;
    this.log.push(change);
    if (this.log.length > LOG_LIMIT) this.log.shift();
  }

  private remember(row: MemoryRow): Memory {
    const memory = memoryFromRow(row);
    this.rows.set(memory.id, { memory, ord: Number(row.ord) });
    return memory;
  }

  private lastOrd(): number {
    const last = this.data.memories.at(-1);
    return last ? this.rows.get(last.id)!.ord : -Infinity;
  }

  private idsNotIn(memories: readonly Memory[]): string[] {
    const kept = new Set(memories.map((memory) => memory.id));
    return [...this.rows.keys()].filter((id) => !kept.has(id));
  }
}
