import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStore } from './store-file.js';
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

/** Every project store in the memory folder, for memory_info: which projects have memories here. */
export async function listStores(memoryDir: string): Promise<StoreSummary[]> {
  const names = await readdir(memoryDir).catch(() => [] as string[]);
  const summaries: StoreSummary[] = [];
  for (const name of names.filter((file) => file.endsWith('.json')).sort()) {
    const key = name.slice(0, -'.json'.length);
    const text = await readFile(join(memoryDir, name), 'utf8').catch(() => undefined);
    const parsed = text === undefined ? undefined : parseStore(text);
    // A store mid-append (or left so by a crash) counts as the store it was.
    const data = parsed?.ok ? parsed.data : text === undefined ? undefined : recoverTornAppend(text);
    if (!data) {
      summaries.push({ key, problem: parsed && !parsed.ok ? parsed.problem.detail : 'unreadable' });
      continue;
    }
    summaries.push({ key, name: data.project?.name, root: data.project?.root, count: data.memories.filter((memory) => memory.archivedAt === undefined).length });
  }
  return summaries;
}
