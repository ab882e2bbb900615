import type { Memory } from '../memory.js';
import type { Project } from '../project.js';
import type { StoreSummary } from './list-stores.js';
import type { StoreData } from './store-file.js';
import type { RecordsRepair, StoreFlaw } from './store-records.js';

/** The data handed out by a store: read-only, since caches (lines, indexes) assume it never changes. */
export interface StoreSnapshot {
  readonly schemaVersion: number;
  readonly project?: Readonly<NonNullable<StoreData['project']>>;
  readonly memories: readonly Readonly<Memory>[];
}

/**
 * What a change returns: its result for the caller, and whether anything was changed at all
 * (`write: false`, e.g. a duplicate, commits nothing).
 */
export interface ChangeOutcome<R> {
  result: R;
  write: boolean;
}

/** One committed version's effect on the memories, for a reader to apply instead of reloading. */
export interface StoreChange {
  readonly version: number;
  /** Memories added or replaced by this version (a replaced one keeps its id). */
  readonly upserted: readonly Readonly<Memory>[];
  /** Ids of memories this version deleted. */
  readonly removed: readonly string[];
}

/**
 * One project's memories as the service sees them, whatever holds them. The few operations are
 * all a caller may rely on: an engine's own state (a file's version, a connection) stays inside.
 */
export interface MemoryStorePort {
  /** Where the store lives, safe to show to a person: a file path, or a URL without its password. */
  readonly location: string;
  /** Made ready for its first use (schema migrated, a killed writer's leftovers removed). */
  ready(): Promise<void>;
  /**
   * The current memories. The same object while only this process changes it, so a caller may
   * cache what it derives from it, keyed on the object and `version`. Never to be changed by a
   * caller outside `commit`.
   */
  read(): Promise<StoreSnapshot>;
  /** The version of the data read() or commit() last handed out. */
  readonly version: number;
  /**
   * Runs `change` on the current data with every other writer (process, server) held off, and
   * makes its effect durable before resolving: an acknowledged change is never lost. `change`
   * must validate before it mutates; if it throws, or the write fails, nothing is committed and
   * the engine drops its copy of the data. Changes run one at a time, in call order.
   */
  commit<R>(change: (data: StoreData) => ChangeOutcome<R>): Promise<R>;
  /**
   * The changes from `version` to the current one, oldest first, when the engine still knows
   * them; undefined means "read it whole". An entry may repeat what the caller already applied
   * (its own commit): applying one must be idempotent.
   */
  changesSince(version: number): readonly StoreChange[] | undefined;
  /**
   * Records the data leaves out or serves renamed (a hand-edited JSON file: see StoreFlaw);
   * while there are any, commits are refused. Always empty for an engine that validates every
   * record as it is written (PostgreSQL).
   */
  readonly flaws: readonly StoreFlaw[];
  /** Makes a store with flaws writable again (MemoryStore.repairRecords); on a sound store, nothing. */
  repairRecords(): Promise<RecordsRepair>;
  /** Whether the store was written by a newer server: readable, never written here. */
  readonly readOnlyBecauseNewer: boolean;
  /** Calls `onChange` after any change (`onError` if it can no longer tell) to this store, by this process or any other; returns the unsubscribe. */
  watch(onChange: () => void, onError: (error: Error) => void): () => void;
}

/** Where every project's store lives: one memory folder of JSON files, or one PostgreSQL database. */
export interface StoreEngine {
  readonly kind: 'json' | 'postgres';
  /** Where the stores live, safe to show: the memory folder, or the URL without its password. */
  readonly location: string;
  /** The store of one project; the same object for the same project. */
  open(project: Project): MemoryStorePort;
  /** Every project with a store here. */
  list(): Promise<StoreSummary[]>;
  /** Lets writes in flight finish (bounded), then releases files, connections and watches. */
  close(): Promise<void>;
}
