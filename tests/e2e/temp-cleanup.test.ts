import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectKey } from '../../src/domain/project.js';
import { ReliabilitySandbox } from '../support/reliability-sandbox.js';
import { call } from '../support/server-process.js';

// A writer killed between writing its temp file and renaming it leaves `<store>.<pid>.<rand>.tmp`.
// Such files are removed before a store's first use, not only for the project the server
// started with: also for a store reached through a per-call `project`.

let sandbox: ReliabilitySandbox;

beforeEach(() => {
  sandbox = new ReliabilitySandbox();
});

afterEach(async () => {
  await sandbox.dispose();
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('temp files of dead writers', () => {
  it('are removed before the first request, and a live writer’s are kept', async () => {
    mkdirSync(sandbox.memoryDir, { recursive: true });
    writeFileSync(sandbox.storePath, '{"schemaVersion":1,"memories":[]}\n');
    const orphan = `${sandbox.storePath}.${deadPid()}.0123456789ab.tmp`;
    const live = `${sandbox.storePath}.${process.pid}.ba9876543210.tmp`;
    const otherStore = `${sandbox.memoryDir}/other-0000aaaa.json.${deadPid()}.0123456789ab.tmp`;
    for (const path of [orphan, live, otherStore]) writeFileSync(path, '{"schemaVersion":1,"memo');
    const before = sandbox.storeBytes();

    // The first request is answered only once the start-up store is ready (initialize itself is
    // answered by the launcher before the server has loaded, src/early-initialize.ts).
    const { client } = await sandbox.start();
    await client.listTools();

    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(otherStore)).toBe(true);
    expect(sandbox.storeBytes()).toEqual(before);
  });

  it('are removed before the first use of a store reached through a per-call project', async () => {
    const other = sandbox.project('other');
    mkdirSync(sandbox.memoryDir, { recursive: true });
    const otherStore = join(sandbox.memoryDir, `${projectKey(other)}.json`);
    // pid 2^22+1 is above Linux's pid_max default, so no live process owns it.
    const orphan = `${otherStore}.${2 ** 22 + 1}.deadbeef0000.tmp`;
    writeFileSync(orphan, '{"half": ');

    const { client } = await sandbox.start();
    expect(existsSync(orphan)).toBe(true);
    const read = await call(client, 'read_memories', { project: other });
    expect(read.isError).toBeFalsy();
    expect(existsSync(orphan)).toBe(false);
  });
});
