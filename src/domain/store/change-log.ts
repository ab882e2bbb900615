import type { Memory } from '../memory.js';
import type { StoreChange } from './store-port.js';

/** Catch-ups kept; a reader further behind rebuilds from the data instead. */
const KEPT = 64;

/**
 * The memories other processes appended to one data object, by version, for readers that keep
 * indexes on it (MemoryStorePort.changesSince). Cleared when the data object is replaced: readers
 * keyed on the old one rebuild anyway.
 */
export class ChangeLog {
  #version = 0;
  #changes: StoreChange[] = [];

  get version(): number {
    return this.#version;
  }

  add(upserted: readonly Memory[]): void {
    this.#changes.push({ version: ++this.#version, upserted, removed: [] });
    if (this.#changes.length > KEPT) this.#changes.shift();
  }

  clear(): void {
    this.#changes = [];
  }

  /** The changes after `version`, oldest first; undefined when they are no longer all kept. */
  since(version: number): readonly StoreChange[] | undefined {
    if (version === this.#version) return [];
    const first = this.#changes[0];
    return first && first.version <= version + 1 ? this.#changes.filter((change) => change.version > version) : undefined;
  }
}
