import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type StoreData, parseStore } from './store-file.js';
import { recoverTornAppend } from './torn-append.js';

export interface StoreSummary {
  key: string;
  name?: string;
  root?: string;
  /** Active memories, as memory_info's counts.total (the archive is not counted). */
  count?: number;
  /** Set when the file cannot be read as a store. */
  problem?: string;
}

/**
 * Every project store in the memory folder, for memory_info: which projects have memories here.
 * `inUse` gives the data of a store this process holds (undefined for any other): a big store is
 * then not read and parsed a second time (100,000 memories: ~0.6 s and ~100 MiB).
 */
export async function listStores(memoryDir: string, inUse: (path: string) => Promise<StoreData | undefined> = async () => undefined): Promise<StoreSummary[]> {
  const names = await readdir(memoryDir).catch(() => [] as string[]);
  const summaries: StoreSummary[] = [];
  for (const name of names.filter((file) => file.endsWith('.json')).sort()) {
    const key = name.slice(0, -'.json'.length);
    const held = await inUse(resolve(memoryDir, name)).catch(() => undefined);
    if (held) {
      summaries.push(summaryOf(key, held));
      continue;
    }
    const text = await readFile(join(memoryDir, name), 'utf8').catch(() => undefined);
    const parsed = text === undefined ? undefined : parseStore(text);
    // A store mid-append (or left so by a crash) counts as the store it was.
    const data = parsed?.ok ? parsed.data : text === undefined ? undefined : recoverTornAppend(text);
    if (!data) {
      summaries.push({ key, problem: parsed && !parsed.ok ? parsed.problem.detail : 'unreadable' });
      continue;
    }
    summaries.push(summaryOf(key, data));
  }
  return summaries;
}

function summaryOf(key: string, data: StoreData): StoreSummary {
  let count = 0;
  for (const memory of data.memories) if (memory.archivedAt === undefined) count++;
  return { key, name: data.project?.name, root: data.project?.root, count };
}
