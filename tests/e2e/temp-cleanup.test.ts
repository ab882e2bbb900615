import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectKey } from '../../src/domain/project.js';
import { type Started, call, startServer, tempDir } from '../support/server-process.js';

// A writer killed between writing its temp file and renaming it leaves `<store>.<pid>.<rand>.tmp`.
// Such files are removed before a store's first use, not only for the project the server
// started with: also for a store reached through a per-call `project`.

const root = tempDir('dem-tmpclean-');
let server: Started | undefined;

afterEach(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('temp files of dead writers', () => {
  it('are removed before the first use of a store reached through a per-call project', async () => {
    const memoryDir = join(root, 'memory');
    const home = join(root, 'home');
    const other = join(root, 'other');
    for (const dir of [memoryDir, home, other]) mkdirSync(dir, { recursive: true });
    const otherStore = join(memoryDir, `${projectKey(other)}.json`);
    // pid 2^22+1 is above Linux's pid_max default, so no live process owns it.
    const orphan = `${otherStore}.${2 ** 22 + 1}.deadbeef0000.tmp`;
    writeFileSync(orphan, '{"half": ');

    server = await startServer({ env: { DATA_ENGINEER_MEMORY_DIR: memoryDir, DATA_ENGINEER_PROJECT: home } });
    expect(existsSync(orphan)).toBe(true);
    const read = await call(server.client, 'read_memories', { project: other });
    expect(read.isError).toBeFalsy();
    expect(existsSync(orphan)).toBe(false);
  });
});
