import { existsSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { removeOrphanTempFiles } from '../../src/domain/store/durable-text-file.js';
import { isProcessAlive } from '../../src/domain/store/process-alive.js';
import { tempStoreTest as it } from '../support/temp-store.js';

// `<store>.<pid>.<random>.tmp` is left only by a writer killed between writing it and renaming
// it. A pid alone cannot always say whether that writer is gone: pid 1 is every container's
// first process (a restarted container's server is pid 1 again), and a pid is reused.

const canTellPidNamespace = existsSync('/proc/self/ns/pid');

describe('the sweep of temp files beside a store', () => {
  it.runIf(canTellPidNamespace)('leaves a fresh one named for another PID namespace (a live writer in a container sharing the folder) until it is a minute old', async ({ path }) => {
    const foreign = `${path}.${2 ** 22 + 1}.4026599999-0123456789ab.tmp`;
    const deadHere = `${path}.${2 ** 22 + 1}.${/\d+/u.exec(readlinkSync('/proc/self/ns/pid'))![0]}-ba9876543210.tmp`;
    for (const file of [foreign, deadHere]) writeFileSync(file, '{"schemaVersion":1,"memo');
    expect(await removeOrphanTempFiles(path, isProcessAlive), 'a dead pid of this namespace: at once').toEqual([deadHere.split('/').at(-1)]);
    expect(existsSync(foreign)).toBe(true);
    const twoMinutesAgo = Date.now() / 1000 - 120;
    utimesSync(foreign, twoMinutesAgo, twoMinutesAgo);
    expect(await removeOrphanTempFiles(path, isProcessAlive)).toEqual([foreign.split('/').at(-1)]);
  });


  it('removes one no one touched for ten minutes whatever process its pid names now, and keeps a live writer\'s fresh one', async ({ path }) => {
    const stale = `${path}.1.0123456789ab.tmp`;
    const fresh = `${path}.${process.ppid}.ba9876543210.tmp`;
    for (const file of [stale, fresh]) writeFileSync(file, '{"schemaVersion":1,"memo');
    const elevenMinutesAgo = Date.now() / 1000 - 11 * 60;
    utimesSync(stale, elevenMinutesAgo, elevenMinutesAgo);

    expect(await removeOrphanTempFiles(path, isProcessAlive)).toEqual([stale.split('/').at(-1)]);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});
