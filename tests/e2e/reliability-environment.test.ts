import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReliabilitySandbox } from '../support/reliability-sandbox.js';
import { call, textOf } from '../support/server-process.js';

// Over stdio, a missing memory folder is created; a file in the folder's
// place, or a folder in the store's place, gives a clear tool error and the server lives on.
// Full disk and permission faults are simulated through the adapter in
// tests/unit/reliability-store-faults.test.ts (root ignores file modes, so chmod proves nothing).

let sandbox: ReliabilitySandbox;

beforeEach(() => {
  sandbox = new ReliabilitySandbox();
});

afterEach(async () => {
  await sandbox.dispose();
});

describe('the memory folder', () => {
  it('is created, with its parents, on the first write', async () => {
    sandbox.memoryDir = join(sandbox.root, 'not', 'there', 'yet');
    const { client } = await sandbox.start();

    const info = await call(client, 'memory_info');
    expect(info.structuredContent.counts.total).toBe(0);
    expect(info.structuredContent.problem).toBeUndefined();
    const added = await call(client, 'add_memory', { type: 'context', content: 'First memory in a new folder' });

    expect(added.isError, textOf(added)).toBeFalsy();
    expect(statSync(sandbox.memoryDir).isDirectory()).toBe(true);
    expect(sandbox.readStore().memories.map((memory) => memory.content)).toEqual(['First memory in a new folder']);
  });

  it('gives a clear error, changes nothing and keeps serving when a file stands in its place', async () => {
    writeFileSync(sandbox.memoryDir, 'not a folder');
    const { client } = await sandbox.start();

    const results = await Promise.all([
      call(client, 'add_memory', { type: 'context', content: 'Cannot be stored here' }),
      call(client, 'read_memories', {}),
      call(client, 'update_memory', { id: 'abc', content: 'Cannot be stored here' }),
      call(client, 'delete_memory', { id: 'abc' }),
      call(client, 'extract_memories', { text: '# Remember:\nType: context\nContent: Cannot be stored here\n#' }),
    ]);

    for (const result of results) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(sandbox.memoryDir);
      expect(textOf(result)).toContain('a file stands where the memory folder should be');
    }
    const info = await call(client, 'memory_info');
    expect(info.isError).toBeFalsy();
    expect(info.structuredContent.problem).toContain('a file stands where the memory folder should be');
    expect(readFileSync(sandbox.memoryDir, 'utf8')).toBe('not a folder');
  });

  it('gives a clear error when a folder stands where the store file should be', async () => {
    mkdirSync(sandbox.storePath, { recursive: true });
    const { client } = await sandbox.start();

    const added = await call(client, 'add_memory', { type: 'context', content: 'Cannot be stored here' });

    expect(added.isError).toBe(true);
    expect(textOf(added)).toContain(sandbox.storePath);
    expect(textOf(added)).toContain('a folder stands where the store file should be');
    expect(statSync(sandbox.storePath).isDirectory()).toBe(true);
    expect(existsSync(`${sandbox.storePath}.lock`)).toBe(false);
    expect((await call(client, 'memory_info')).isError).toBeFalsy();
  });
});
