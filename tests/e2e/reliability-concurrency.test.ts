import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStoreLock } from '../../src/domain/store/store-lock.js';
import { ReliabilitySandbox } from '../support/reliability-sandbox.js';
import { call, textOf } from '../support/server-process.js';

// Several server processes share one store; nothing is lost or duplicated,
// a dead process's lock is taken over within seconds, and a live lock is never broken.

let sandbox: ReliabilitySandbox;

beforeEach(() => {
  sandbox = new ReliabilitySandbox();
});

afterEach(async () => {
  await sandbox.dispose();
});

const contents = (box: ReliabilitySandbox): string[] => box.readStore().memories.map((memory) => memory.content).sort();

async function addOk(client: Client, content: string, type = 'context'): Promise<any> {
  const result = await call(client, 'add_memory', { type, content });
  if (result.isError) throw new Error(`add_memory "${content}" failed: ${textOf(result)}`);
  return result.structuredContent;
}

describe('many processes writing at once', () => {
  it('keeps all 200 writes when 8 processes each add 25 memories at once', async () => {
    const servers = await sandbox.startMany(8);

    const results = await Promise.all(
      servers.flatMap(({ client }, p) =>
        Array.from({ length: 25 }, (_, i) => call(client, 'add_memory', { type: 'pattern', content: `Learned fact p${p}n${i} under load` })),
      ),
    );

    expect(results.filter((result) => result.isError).map(textOf)).toEqual([]);
    expect(results.every((result) => result.structuredContent.created === true)).toBe(true);
    const stored = sandbox.readStore().memories;
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((memory) => memory.id)).size).toBe(200);
    expect(new Set(results.map((result) => result.structuredContent.memory.id))).toEqual(new Set(stored.map((memory) => memory.id)));
    const seen = await call(servers[3]!.client, 'read_memories', { limit: 1 });
    expect(seen.structuredContent.total).toBe(200);
  });

  it('ends mixed adds, updates and deletes from 4 processes in the state a serial run gives', async () => {
    // Each process owns its memories, so the outcome does not depend on interleaving; all of
    // them also add one shared fact, which must be stored once.
    const script = async (client: Client, p: number): Promise<boolean> => {
      const added = await Promise.all(Array.from({ length: 12 }, (_, j) => addOk(client, `Warehouse note s${p}n${j} from a session`)));
      const shared = await addOk(client, 'Shared fact every session agrees on');
      await Promise.all(
        added.map(async ({ memory }, j) => {
          if (j % 2 === 0) {
            const type = j % 4 === 0 ? 'guideline' : 'context';
            const updated = await call(client, 'update_memory', { id: memory.id, content: `Warehouse note s${p}n${j} revised later`, type });
            if (updated.isError) throw new Error(textOf(updated));
          }
          if (j % 3 === 0) {
            const deleted = await call(client, 'delete_memory', { id: memory.id });
            if (deleted.isError) throw new Error(textOf(deleted));
          }
        }),
      );
      return shared.created as boolean;
    };
    const state = (box: ReliabilitySandbox): string[] => box.readStore().memories.map((m) => `${m.agent}|${m.type}|${m.content}`).sort();

    const servers = await sandbox.startMany(4);
    const created = await Promise.all(servers.map(({ client }, p) => script(client, p)));

    const serial = new ReliabilitySandbox();
    try {
      const { client } = await serial.start();
      for (let p = 0; p < 4; p++) await script(client, p);
      expect(state(sandbox)).toEqual(state(serial));
    } finally {
      await serial.dispose();
    }
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(sandbox.readStore().memories).toHaveLength(4 * 8 + 1);
  });
});

describe('the inter-process lock', () => {
  it('takes over a lock left by a SIGKILLed holder within seconds, and every waiting writer gets through', async () => {
    mkdirSync(sandbox.memoryDir, { recursive: true });
    const holder = spawn(process.execPath, [join(import.meta.dirname, '../support/hold-lock.mjs'), sandbox.storePath], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      holder.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    holder.kill('SIGKILL');
    await new Promise((done) => holder.once('exit', done));
    expect(existsSync(sandbox.lockPath)).toBe(true);

    const servers = await sandbox.startMany(4);
    const started = Date.now();
    const results = await Promise.all(
      servers.flatMap(({ client }, p) => Array.from({ length: 5 }, (_, i) => call(client, 'add_memory', { type: 'context', content: `Written after the crash c${p}n${i}` }))),
    );
    const elapsed = Date.now() - started;

    expect(results.filter((result) => result.isError).map(textOf)).toEqual([]);
    expect(sandbox.readStore().memories).toHaveLength(20);
    expect(elapsed).toBeLessThan(15_000);
  });

  it('takes over a lock folder whose mtime is old', async () => {
    mkdirSync(sandbox.lockPath, { recursive: true });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(sandbox.lockPath, minuteAgo, minuteAgo);
    const { client } = await sandbox.start();

    const started = Date.now();
    const result = await call(client, 'add_memory', { type: 'context', content: 'written past an abandoned lock' });

    expect(result.isError).toBeFalsy();
    expect(contents(sandbox)).toEqual(['written past an abandoned lock']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(existsSync(sandbox.lockPath)).toBe(false);
  });

  it('never breaks a live lock: a writer waits past the stale age and succeeds after release', async () => {
    const { client } = await sandbox.start();
    await addOk(client, 'present before the lock was taken');
    const before = sandbox.storeBytes();
    let answered = false;

    const pending = await withStoreLock(sandbox.storePath, async () => {
      const write = call(client, 'add_memory', { type: 'context', content: 'waited for the live lock' }).finally(() => {
        answered = true;
      });
      // Held (and refreshed) for longer than the 5 s after which an unrefreshed lock is stale.
      await new Promise((done) => setTimeout(done, 7_000));
      expect(answered).toBe(false);
      expect(sandbox.storeBytes()).toEqual(before);
      return { write };
    });
    const result = await pending.write;

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(contents(sandbox)).toEqual(['present before the lock was taken', 'waited for the live lock']);
  });
});
