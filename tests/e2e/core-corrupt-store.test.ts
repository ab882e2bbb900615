import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promptText } from '../support/prompt-text.js';
import { Sandbox } from '../support/sandbox.js';
import { call, textOf } from '../support/server-process.js';
import { bytesOf, filesBeside, storePathOf } from '../support/store-files.js';

let sandbox: Sandbox;
let projectDir: string;
let storePath: string;

beforeEach(async () => {
  sandbox = new Sandbox();
  projectDir = sandbox.project('shop');
  const first = await sandbox.start(projectDir);
  await call(first.client, 'add_memory', { type: 'pattern', content: 'A memory written before the damage' });
  storePath = await storePathOf(first.client);
  await first.close();
});
afterEach(() => sandbox.dispose());

describe.each([
  ['is not valid JSON', '{not json'],
  ['is JSON of the wrong shape', '{"schemaVersion":1,"memories":"none"}\n'],
])('a store that %s', (_case, damaged) => {
  beforeEach(() => writeFileSync(storePath, damaged));

  it('is reported by memory_info with the path of a byte-identical copy, and never changed', async () => {
    const { client } = await sandbox.start(projectDir);

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
    const { client } = await sandbox.start(projectDir);

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
    const { client } = await sandbox.start(projectDir);
    const text = await promptText(client, { task: 'Check the schema' });

    expect(text).toContain('# Data Engineer Agent');
    expect(text).toMatch(/## Project memory\s+_Unavailable: Memory store .* cannot be read/u);
    expect(text.trimEnd().endsWith('Check the schema')).toBe(true);
    expect(readFileSync(storePath, 'utf8')).toBe(damaged);
  });

  it('starts a fresh store once the damaged file is moved aside, and the copy stays', async () => {
    const { client } = await sandbox.start(projectDir);
    expect((await call(client, 'add_memory', { type: 'pattern', content: 'Refused while damaged' })).isError).toBe(true);

    renameSync(storePath, `${storePath}.moved-aside`);
    const retry = await call(client, 'add_memory', { type: 'pattern', content: 'Accepted after the move' });

    expect(retry.isError).toBeFalsy();
    expect(JSON.parse(readFileSync(storePath, 'utf8')).memories).toHaveLength(1);
    expect(readFileSync(filesBeside(storePath, '.corrupt-')[0]!)).toEqual(Buffer.from(damaged));
  });
});

describe('a memory folder that cannot be used', () => {
  it('answers isError saying what is wrong and what to do, and the server keeps running', async () => {
    const blocker = join(sandbox.root, 'not-a-folder');
    writeFileSync(blocker, 'a file where the memory folder should be');
    const { client } = await sandbox.start(projectDir, { DATA_ENGINEER_MEMORY_DIR: join(blocker, 'memory') });

    const add = await call(client, 'add_memory', { type: 'pattern', content: 'Cannot be stored here' });
    const info = await call(client, 'memory_info');

    expect(add.isError).toBe(true);
    expect(textOf(add)).toContain(join(blocker, 'memory'));
    expect(textOf(add)).toMatch(/ENOTDIR.*DATA_ENGINEER_MEMORY_DIR/u);
    expect(info.isError).toBeFalsy();
    expect(info.structuredContent.problem).toMatch(/ENOTDIR/u);
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the memory folder should be');
  });
});
