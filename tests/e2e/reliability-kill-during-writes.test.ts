import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, test as base } from 'vitest';
import { freshDatabase, query } from '../support/postgres.js';
import { ReliabilitySandbox } from '../support/reliability-sandbox.js';
import { type Started, call, textOf } from '../support/server-process.js';
import { type EngineKind, ENGINES } from '../support/store-engines.js';

// kill -9 during writes, on both engines: several server processes add at once on one project,
// some are killed with SIGKILL at random points of their stream, and afterwards every add that
// was acknowledged is stored exactly once. Bounded: fixed trials, writes and deadlines.

const TRIALS = 3;
const SERVERS = 3;
const WRITES_PER_SERVER = 40;
/** Of each trial's servers, how many are killed; one, the survivor, runs through every trial. */
const KILLED = SERVERS - 1;

interface StoredMemory {
  id: string;
  content: string;
}

/** A store of one engine that any number of server processes open, and a look at it past the server. */
interface CrashStore {
  start(): Promise<Started>;
  stored(): Promise<StoredMemory[]>;
  /** What kills may leave beside the store, checked once a server has started after them. */
  checkLeftovers(acknowledged: ReadonlySet<string>, stored: ReadonlySet<string>): void;
}

function jsonStore(sandbox: ReliabilitySandbox): CrashStore {
  return {
    start: () => sandbox.start(),
    // readStore fails the test when the file does not parse.
    stored: async () => sandbox.readStore().memories.map(({ id, content }) => ({ id, content })),
    checkLeftovers(acknowledged, stored) {
      // Temp files of dead processes are removed when a server starts.
      expect(sandbox.filesBesideStore('.').filter((path) => path.endsWith('.tmp'))).toEqual([]);
      // A kill between an append's two steps leaves a torn tail that the next locked read sets
      // aside (a copy beside the store) and cuts off: what the copy held beyond the repaired
      // store must be a write nobody was told was stored.
      for (const copy of sandbox.filesBesideStore('.corrupt-')) {
        const idsInCopy = [...readFileSync(copy, 'utf8').matchAll(/"id":\s*"([^"]+)"/g)].map((match) => match[1]!);
        const cutOff = idsInCopy.filter((id) => !stored.has(id));
        expect(cutOff.filter((id) => acknowledged.has(id))).toEqual([]);
        expect(cutOff.length).toBeLessThanOrEqual(1);
      }
    },
  };
}

async function postgresStore(sandbox: ReliabilitySandbox): Promise<CrashStore> {
  const url = await freshDatabase();
  return {
    start: () => sandbox.start(sandbox.projectDir, { DATA_ENGINEER_STORE: url }),
    stored: () => query<StoredMemory>(url, 'SELECT id, content FROM data_engineer.memories'),
    checkLeftovers: () => {},
  };
}

const test = base.extend<{ engine: EngineKind; crashStore: CrashStore }>({
  engine: 'json',
  crashStore: async ({ engine }, use) => {
    const sandbox = new ReliabilitySandbox();
    try {
      await use(engine === 'json' ? jsonStore(sandbox) : await postgresStore(sandbox));
    } finally {
      await sandbox.dispose();
    }
  },
});

/** mulberry32: a seeded random source, so a failing trial can be named and replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fires `count` adds at once; `acknowledged` fills with id → content as answers arrive. */
function stream(client: Client, label: string, count: number): { acknowledged: Map<string, string>; errors: string[]; done: Promise<unknown> } {
  const acknowledged = new Map<string, string>();
  const errors: string[] = [];
  const adds = Array.from({ length: count }, (_, i) => {
    const content = `Finding ${label}w${i} written while servers die`;
    return call(client, 'add_memory', { type: 'performance', content }).then(
      (result) => {
        if (result.isError) errors.push(textOf(result));
        else acknowledged.set(result.structuredContent.memory.id, content);
      },
      () => undefined, // a killed server never answers the rest
    );
  });
  return { acknowledged, errors, done: Promise.allSettled(adds) };
}

async function waitForAcks(acknowledged: Map<string, string>, count: number, what: string): Promise<void> {
  const until = Date.now() + 30_000;
  while (acknowledged.size < count) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${count} acknowledged adds from ${what} (have ${acknowledged.size})`);
    await new Promise((done) => setTimeout(done, 2));
  }
}

describe.each(ENGINES)('servers killed with SIGKILL while adding, %s engine', (engine) => {
  test.override({ engine });

  test(`keeps every acknowledged add exactly once over ${TRIALS} trials of ${SERVERS} servers, ${KILLED} killed at random points`, { timeout: 180_000 }, async ({ crashStore, annotate }) => {
    const seed = Date.now() % 1_000_000;
    const random = seeded(seed);
    const acknowledged = new Map<string, string>();
    let kills = 0;
    const survivor = await crashStore.start();

    for (let trial = 0; trial < TRIALS; trial++) {
      const where = `seed ${seed}, trial ${trial}`;
      const victims = await Promise.all(Array.from({ length: KILLED }, () => crashStore.start()));
      const servers = [survivor, ...victims];
      const streams = servers.map((server, s) => stream(server.client, `t${trial}s${s}`, WRITES_PER_SERVER));

      // Lock-free reads all through the trial: a torn or half-written store would show up here.
      const failedReads: string[] = [];
      let writing = true;
      const reading = (async () => {
        while (writing) {
          const read = await call(survivor.client, 'read_memories', { limit: 1 }).catch((error: Error) => ({ isError: true, content: [{ type: 'text' as const, text: error.message }] }));
          if (read.isError) failedReads.push(textOf(read));
          if (failedReads.length > 0) return;
        }
      })();

      const acknowledgedBeforeKill = new Map<string, string>();
      await Promise.all(
        victims.map(async (victim, v) => {
          const s = v + 1;
          const killAt = 1 + Math.floor(random() * (WRITES_PER_SERVER / 2));
          await waitForAcks(streams[s]!.acknowledged, killAt, `server ${s} (${where})`);
          process.kill(victim.transport.pid!, 'SIGKILL');
          kills++;
          for (const [id, content] of streams[s]!.acknowledged) acknowledgedBeforeKill.set(id, content);
        }),
      );
      await Promise.all(streams.map((each) => each.done));
      // An answer already on its way when the kill landed still counts: the server said it was stored.
      for (const each of streams) for (const [id, content] of each.acknowledged) acknowledged.set(id, content);
      expect(acknowledgedBeforeKill.size).toBeGreaterThanOrEqual(KILLED);
      expect(streams.flatMap((each) => each.errors), where).toEqual([]);
      expect(streams[0]!.acknowledged.size, where).toBe(WRITES_PER_SERVER);

      // One more add takes the store's lock after the kills, which repairs what a kill tore.
      const after = await call(survivor.client, 'add_memory', { type: 'context', content: `Checkpoint after trial ${trial} of the kills` });
      expect(after.isError, textOf(after)).toBeFalsy();
      acknowledged.set(after.structuredContent.memory.id, `Checkpoint after trial ${trial} of the kills`);
      writing = false;
      await reading;
      expect(failedReads, where).toEqual([]);

      const stored = await crashStore.stored();
      const storedIds = new Set(stored.map((memory) => memory.id));
      const contentOf = new Map(stored.map((memory) => [memory.id, memory.content]));
      expect([...acknowledged].filter(([id, content]) => contentOf.get(id) !== content), `lost or changed (${where})`).toEqual([]);
      expect(storedIds.size, `an id stored twice (${where})`).toBe(stored.length);
      expect(new Set(stored.map((memory) => memory.content)).size, `an add stored twice (${where})`).toBe(stored.length);
      await Promise.all(victims.map((victim) => victim.close().catch(() => undefined)));
    }

    // A server started after all the kills works on the store they left, and clears up after them.
    const { client } = await crashStore.start();
    const last = await call(client, 'add_memory', { type: 'context', content: 'written after every kill' });
    expect(last.isError, textOf(last)).toBeFalsy();
    const read = await call(client, 'read_memories', { limit: 1 });
    const stored = await crashStore.stored();
    expect(read.structuredContent.total).toBe(stored.length);
    crashStore.checkLeftovers(new Set(acknowledged.keys()), new Set(stored.map((memory) => memory.id)));
    await annotate(`seed ${seed}: ${TRIALS} trials, ${kills} kills, ${acknowledged.size} acknowledged adds, 0 lost, 0 doubled`);
  });
});
