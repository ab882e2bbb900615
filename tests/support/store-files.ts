import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Memory } from '../../src/domain/memory.js';
import { type StoreData, parseStore } from '../../src/domain/store/store-file.js';
import { call } from './server-process.js';

/** The store file the server says it uses for its current project. */
export async function storePathOf(client: Client): Promise<string> {
  const info = await call(client, 'memory_info');
  return info.structuredContent.storePath as string;
}

/** The store as the server would parse it; fails the test if it is not a valid store. */
export function readStore(storePath: string): StoreData {
  const parsed = parseStore(readFileSync(storePath, 'utf8'));
  if (!parsed.ok) throw new Error(`store ${storePath} does not parse: ${parsed.problem.kind}: ${parsed.problem.detail}`);
  return parsed.data;
}

/** Every memory in a store file, archived ones included, exactly as written: no schema in between. */
export const memoriesOnDisk = (storePath: string): Memory[] => (JSON.parse(readFileSync(storePath, 'utf8')) as { memories: Memory[] }).memories;

/** What is on disk for the client's project, not what a tool says. */
export const storedMemories = async (client: Client): Promise<Memory[]> => memoriesOnDisk(await storePathOf(client));

export const bytesOf = (path: string): Buffer | undefined => (existsSync(path) ? readFileSync(path) : undefined);

/** Files beside the store whose names start with the store's name plus `suffix` (e.g. ".corrupt-"), sorted. */
export function filesBeside(storePath: string, suffix: string): string[] {
  const prefix = `${basename(storePath)}${suffix}`;
  const dir = dirname(storePath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .sort()
    .map((name) => join(dir, name));
}
