import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContractServer, contractServer } from '../support/contract-server.js';
import { promptText } from '../support/prompt-text.js';
import { call, textOf } from '../support/server-process.js';
import { bytesOf, filesBeside, storePathOf } from '../support/store-files.js';

// A store damaged while no server ran: the next server on it reads it, reports it, never writes it.
let first: ContractServer;
let storePath: string;
const restarted: ContractServer[] = [];

/** A server started on the first one's project and memory folder, as a restart would. */
async function restart(): Promise<ContractServer> {
  const server = await contractServer({ sameFoldersAs: first });
  restarted.push(server);
  return server;
}

beforeEach(async () => {
  first = await contractServer();
  await call(first.client, 'add_memory', { type: 'pattern', content: 'A memory written before the damage' });
  storePath = await storePathOf(first.client);
  await first.built.close();
});
afterEach(async () => {
  for (const server of restarted.splice(0)) await server.close();
  await first.close();
});

describe.each([
  ['is not valid JSON', '{not json'],
  ['is JSON of the wrong shape', '{"schemaVersion":1,"memories":"none"}\n'],
])('a store that %s', (_case, damaged) => {
  beforeEach(() => writeFileSync(storePath, damaged));

  it('is reported by memory_info with the path of a byte-identical copy, and never changed', async () => {
    const { client } = await restart();

    const info = await call(client, 'memory_info');

    expect(info.isError).toBeFalsy();
    expect(info.structuredContent.storePath).toBe(storePath);
    const copies = filesBeside(storePath, '.corrupt-');
    expect(copies).toHaveLength(1);
    expect(readFileSync(copies[0]!)).toEqual(Buffer.from(damaged));
    expect(info.structuredContent.problem).toContain(storePath);
    expect(info.structuredContent.problem).toContain(copies[0]);
    expect(textOf(info)).toContain('Problem:');
    expect(readFileSync(storePath, 'utf8')).toBe(damaged);
  });

  it('makes every memory tool answer isError naming the file, and leaves the bytes alone', async () => {
    const { client } = await restart();

    const attempts = [
      await call(client, 'add_memory', { type: 'pattern', content: 'Must not overwrite the damaged file' }),
      await call(client, 'read_memories'),
      await call(client, 'update_memory', { id: 'anything', content: 'Must not be written' }),
      await call(client, 'delete_memory', { id: 'anything' }),
      await call(client, 'extract_memories', { text: '# Add To Memory:\nType: pattern\nContent: Must not be written\n#' }),
    ];

    for (const result of attempts) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(storePath);
      expect(textOf(result)).toMatch(/will not be overwritten/u);
    }
    expect(bytesOf(storePath)).toEqual(Buffer.from(damaged));
    expect(filesBeside(storePath, '.corrupt-')).toHaveLength(1);
  });

  it('still serves the prompt, with the memory section saying what is wrong', async () => {
    const { client } = await restart();
    const text = await promptText(client, { task: 'Check the schema' });

    expect(text).toContain('# Data Engineer Agent');
    expect(text).toMatch(/## Project memory\s+_Unavailable: Memory store .* cannot be read/u);
    expect(text.trimEnd().endsWith('Check the schema')).toBe(true);
    expect(readFileSync(storePath, 'utf8')).toBe(damaged);
  });

  it('starts a fresh store once the damaged file is moved aside, and the copy stays', async () => {
    const { client } = await restart();
    expect((await call(client, 'add_memory', { type: 'pattern', content: 'Refused while damaged' })).isError).toBe(true);

    renameSync(storePath, `${storePath}.moved-aside`);
    const retry = await call(client, 'add_memory', { type: 'pattern', content: 'Accepted after the move' });

    expect(retry.isError).toBeFalsy();
    expect(JSON.parse(readFileSync(storePath, 'utf8')).memories).toHaveLength(1);
    expect(readFileSync(filesBeside(storePath, '.corrupt-')[0]!)).toEqual(Buffer.from(damaged));
  });
});
