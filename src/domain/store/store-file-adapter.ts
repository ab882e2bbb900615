import type { Adapter } from 'lowdb';
import type { DurableTextFile } from './durable-text-file.js';
import { type StoreData, parseStore, serialiseStoreBytes } from './store-file.js';

/** Enough for `{"schemaVersion":1,"writeId":"…"`, which serialiseStore always writes first. */
const HEAD_BYTES = 64;

/** Raised for bytes that are not a store we understand; the store turns it into a quarantine. */
export class StoreUnreadableError extends Error {
  override readonly name = 'StoreUnreadableError';
}

/**
 * lowdb's middle layer: JSON + schema over the durable text file (as lowdb stacks DataFile on
 * TextFile). The text and parse steps are also offered apart, so the store can skip parsing
 * bytes it already holds.
 */
export class StoreFileAdapter implements Adapter<StoreData> {
  constructor(private readonly textFile: DurableTextFile) {}

  readText(): Promise<string | null> {
    return this.textFile.read();
  }

  readHead(): Promise<string> {
    return this.textFile.readHead(HEAD_BYTES);
  }

  parse(text: string): StoreData {
    const parsed = parseStore(text);
    if (!parsed.ok) {
      const what = parsed.problem.kind === 'json' ? 'not valid JSON' : 'not in the expected shape';
      throw new StoreUnreadableError(`${what} (${parsed.problem.detail})`);
    }
    return parsed.data;
  }

  async read(): Promise<StoreData | null> {
    const text = await this.readText();
    return text === null ? null : this.parse(text);
  }

  /** `beforeReplace`: a last check before the new text replaces the file (see DurableTextFile). */
  async write(data: StoreData, beforeReplace?: () => Promise<void>): Promise<void> {
    await this.textFile.write(serialiseStoreBytes(data), beforeReplace);
  }
}
