import type { Adapter } from 'lowdb';
import type { DurableTextFile } from './durable-text-file.js';
import { type StoreData, parseStore, serialiseStore } from './store-file.js';

/** Raised for bytes that are not a store we understand; the store turns it into a quarantine. */
export class StoreUnreadableError extends Error {
  override readonly name = 'StoreUnreadableError';
}

/** lowdb's middle layer: JSON + schema over the durable text file (as lowdb stacks DataFile on TextFile). */
export class StoreFileAdapter implements Adapter<StoreData> {
  constructor(private readonly textFile: DurableTextFile) {}

  async read(): Promise<StoreData | null> {
    const text = await this.textFile.read();
    if (text === null) return null;
    const parsed = parseStore(text);
    if (!parsed.ok) {
      const what = parsed.problem.kind === 'json' ? 'not valid JSON' : 'not in the expected shape';
      throw new StoreUnreadableError(`${what} (${parsed.problem.detail})`);
    }
    return parsed.data;
  }

  write(data: StoreData): Promise<void> {
    return this.textFile.write(serialiseStore(data));
  }
}
