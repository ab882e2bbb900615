import { DurableTextFile } from '../../src/domain/store/durable-text-file.js';

/**
 * The real durable text file with hooks around both ways a store is written (a whole rewrite
 * and an add appended in place), so a test can fail, hold or follow "the next write" whichever
 * of the two the store chooses.
 */
export class HookedTextFile extends DurableTextFile {
  /** Runs before either kind of write touches the file; throwing fails the write. */
  protected async beforeAnyWrite(): Promise<void> {}

  /** Runs once either kind of write has finished. */
  protected async afterAnyWrite(): Promise<void> {}

  override async write(text: string | Buffer | Iterable<Buffer>, beforeReplace?: () => Promise<void>): Promise<void> {
    await this.beforeAnyWrite();
    await super.write(text, beforeReplace);
    await this.afterAnyWrite();
  }

  override async appendOverTail(tail: Buffer, bytes: Buffer, beforeWrite?: () => Promise<void>): Promise<string | undefined> {
    await this.beforeAnyWrite();
    const written = await super.appendOverTail(tail, bytes, beforeWrite);
    await this.afterAnyWrite();
    return written;
  }
}
