import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { OWNERLESS_STALE_MS, STALE_MS, takeOverIfDead, writeOwner } from '../../src/domain/store/lock-takeover.js';
import { processStartOf } from '../../src/domain/store/process-alive.js';
import { withStoreLock } from '../../src/domain/store/store-lock.js';

// Many waiters, one dead holder: the lock must pass to exactly one of them at a time. (With
// proper-lockfile's rmdir+mkdir takeover by age, two waiters could both "win" and each write
// over the other.) Waiters here are separate withStoreLock calls, as separate processes are.

/** Linux tells a process's start (/proc); elsewhere a pid alone is all a lock records. */
const canTellProcessStart = processStartOf(process.pid) !== undefined;

/** An owner record as a server writes it; without `started` as an older server (or a platform without /proc) does. */
const ownerLine = (pid: number, started?: string) => `${pid}@${hostname()}\n${started ? `started ${started}\n` : ''}`;

/** Runs `waiters` lock holders at once; returns the most that were ever inside together. */
async function mostInsideAtOnce(path: string, waiters: number): Promise<number> {
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: waiters }, () =>
      withStoreLock(path, async () => {
        inside++;
        most = Math.max(most, inside);
        await sleep(5);
        inside--;
      }),
    ),
  );
  return most;
}

/** A waiter stays out while the lock at `path` is there, and gets in once it is removed. */
async function expectWaitsUntilReleased(path: string): Promise<void> {
  let entered = false;
  const waiting = withStoreLock(path, async () => {
    entered = true;
  });
  await sleep(300);
  expect(entered).toBe(false);
  rmSync(`${path}.lock`, { recursive: true, force: true });
  await waiting;
  expect(entered).toBe(true);
}

describe('taking over the lock of a holder that is gone', () => {
  it('lets one waiter at a time in after a holder on this host died (owner pid not running)', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), ownerLine(2 ** 22 + 1));
    expect(await mostInsideAtOnce(path, 12)).toBe(1);
  });

  it('lets one waiter at a time in after an old lock with no owner file', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    const minuteAgo = Date.now() / 1000 - 60;
    utimesSync(`${path}.lock`, minuteAgo, minuteAgo);
    expect(await mostInsideAtOnce(path, 12)).toBe(1);
  });

  it('takes over a lock left with no owner record well before the stale window (killed between mkdir and owner write)', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    const made = statSync(`${path}.lock`).ctimeMs;
    await withStoreLock(path, async () => undefined);
    const waited = Date.now() - made;
    // Never before its maker had time to write the record, and not after STALE_MS as before.
    expect(waited).toBeGreaterThanOrEqual(OWNERLESS_STALE_MS - 20);
    expect(waited).toBeLessThan(STALE_MS);
  });

  it.runIf(canTellProcessStart)('never takes the lock from the live process that took it, however long since its refresh (frozen)', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    // The process that runs the tests is alive and is not this one.
    writeFileSync(join(`${path}.lock`, 'owner'), ownerLine(process.ppid, processStartOf(process.ppid)));
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(`${path}.lock`, hourAgo, hourAgo);
    await expectWaitsUntilReleased(path);
  });

  it.runIf(canTellProcessStart)('waits, while its lock is refreshed, for a holder in another PID namespace whose pid is not running here (a container sharing the hostname)', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), `${ownerLine(2 ** 22 + 1, 'other-boot/1')}pidns pid:[1]\n`);
    await expectWaitsUntilReleased(path);
  });

  it.runIf(canTellProcessStart)('records its PID namespace, so a holder in this namespace whose pid died is still taken over at once', async ({ path }) => {
    await withStoreLock(path, async () => {
      expect(readFileSync(join(`${path}.lock`, 'owner'), 'utf8')).toMatch(/^pidns pid:\[\d+\]$/mu);
    });
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), `${ownerLine(2 ** 22 + 1, 'other-boot/1')}pidns ${readlinkSync('/proc/self/ns/pid')}\n`);
    expect(await mostInsideAtOnce(path, 4)).toBe(1);
  });

  it('waits for a live pid with no start on record while its lock is refreshed', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), ownerLine(process.ppid));
    await expectWaitsUntilReleased(path);
  });
});

describe('a dead holder whose pid now belongs to a live unrelated process (pid reuse after a container restart)', () => {
  it('is taken over once the lock has gone unrefreshed for its stale window, when no start is on record', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), ownerLine(process.ppid));
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(`${path}.lock`, hourAgo, hourAgo);
    expect(await mostInsideAtOnce(path, 6)).toBe(1);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it.runIf(canTellProcessStart)('is taken over at once when the pid\'s process started at another time', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), ownerLine(process.ppid, 'an-earlier-boot/12345'));
    expect(await takeOverIfDead(`${path}.lock`)).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('a lock held longer than proper-lockfile refreshes it', () => {
  it('is neither reported compromised nor left behind, owner record and all', async ({ path }) => {
    const compromised: string[] = [];
    await withStoreLock(path, () => sleep(2_300), { onCompromised: (error) => compromised.push(error.message) });
    expect(compromised).toEqual([]);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('a holder whose lock was taken over while it was stalled (judged by its refresh: another host or PID namespace)', () => {
  it('leaves the new holder\'s lock, owner record and all, when it releases at last', async ({ path }) => {
    const lockDir = `${path}.lock`;
    const theirs = ownerLine(process.ppid, processStartOf(process.ppid));
    await withStoreLock(path, async () => {
      rmSync(lockDir, { recursive: true });
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), theirs);
    });
    expect(readFileSync(join(lockDir, 'owner'), 'utf8')).toBe(theirs);
  });
});

describe('a dead holder whose pid is now this process (pid reuse after a restart)', () => {
  it('is taken over instead of being waited on forever', async ({ path }) => {
    mkdirSync(`${path}.lock`);
    writeFileSync(join(`${path}.lock`, 'owner'), ownerLine(process.pid, processStartOf(process.pid)));
    let entered = false;
    await withStoreLock(path, async () => {
      entered = true;
    });
    expect(entered).toBe(true);
  });
});

describe('the takeover steps themselves', () => {
  // A live holder descheduled (load, GC, SIGSTOP) after creating its owner file and before filling
  // it: the old writeOwner (writeFile 'wx') showed an empty `owner` for that long. After 0.5 s a
  // waiter took that for an owner-less lock and removed it while the holder went on to write, so
  // two processes held the lock (stress: a concurrent append read as a corrupt path).
  it('never takes over a lock whose owner file is there but not yet readable, within the stale window', async ({ path }) => {
    const lockDir = `${path}.lock`;
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'owner'), '');
    await sleep(OWNERLESS_STALE_MS + 200);
    expect(await takeOverIfDead(lockDir)).toBe(false);
    expect(existsSync(join(lockDir, 'owner'))).toBe(true);
  });

  it('writes the owner record whole in one step, leaving no draft behind', async ({ dir, path }) => {
    const lockDir = `${path}.lock`;
    mkdirSync(lockDir);
    await writeOwner(lockDir);
    expect(readFileSync(join(lockDir, 'owner'), 'utf8')).toMatch(new RegExp(`^${process.pid}@`));
    expect(readdirSync(dir).sort()).toEqual(['shop-12345678.json.lock']);
  });

  it('refuses to write an owner record into a lock folder that already has one (someone else took it over)', async ({ path }) => {
    const lockDir = `${path}.lock`;
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'owner'), ownerLine(process.ppid, processStartOf(process.ppid)));
    await expect(writeOwner(lockDir)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it.runIf(canTellProcessStart)('leaves a takeover marker alone while the waiter that made it is alive, however old it is', async ({ path }) => {
    const lockDir = `${path}.lock`;
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'owner'), ownerLine(2 ** 22 + 1));
    const marker = `${lockDir}.takeover-${statSync(lockDir).ino}`;
    writeFileSync(marker, ownerLine(process.ppid, processStartOf(process.ppid)));
    const minuteAgo = Date.now() / 1000 - 60;
    utimesSync(marker, minuteAgo, minuteAgo);

    expect(await takeOverIfDead(lockDir)).toBe(false);
    expect(existsSync(marker)).toBe(true);
    expect(existsSync(lockDir)).toBe(true);
  });

  it('removes an old takeover marker whose pid is now an unrelated live process', async ({ path }) => {
    const lockDir = `${path}.lock`;
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'owner'), ownerLine(2 ** 22 + 1));
    const marker = `${lockDir}.takeover-${statSync(lockDir).ino}`;
    writeFileSync(marker, ownerLine(process.ppid));
    const minuteAgo = Date.now() / 1000 - 60;
    utimesSync(marker, minuteAgo, minuteAgo);

    expect(await takeOverIfDead(lockDir)).toBe(false);
    expect(existsSync(marker)).toBe(false);
    expect(await takeOverIfDead(lockDir)).toBe(true);
    expect(existsSync(lockDir)).toBe(false);
  });
});
