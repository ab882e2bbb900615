import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { STATEMENT_TIMEOUT_MS_DEFAULT } from '../../src/domain/store/postgres/connection.js';
import { PostgresRequestCounter } from '../../src/domain/store/postgres/request-counter.js';
import { freshDatabase, query } from '../support/postgres.js';

// Requests counted in PostgreSQL: one count per key for every server that shares the database.

const counters: PostgresRequestCounter[] = [];
const counter = (url: string) => {
  const made = new PostgresRequestCounter(pg, { url, poolSize: 2, statementTimeoutMs: STATEMENT_TIMEOUT_MS_DEFAULT });
  counters.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(counters.map((made) => made.close()));
  counters.length = 0;
});

describe('the PostgreSQL request counter', () => {
  it('counts one key as one across two servers started at once, and keeps keys apart', async () => {
    const url = await freshDatabase();
    const [a, b] = [counter(url), counter(url)];

    const hits = await Promise.all([...Array.from({ length: 6 }, () => a.hit('alice', 60_000)), ...Array.from({ length: 4 }, () => b.hit('alice', 60_000))]);
    const bob = await b.hit('bob', 60_000);

    expect(hits.map((hit) => hit.hits).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(hits.map((hit) => hit.resetAt.getTime())).size).toBe(1);
    expect(bob.hits).toBe(1);
    expect(await query(url, 'SELECT key FROM data_engineer.request_counts ORDER BY key')).toEqual([{ key: 'alice' }, { key: 'bob' }]);
  });

  it('starts a new window on the first request after the last one ended', async () => {
    const url = await freshDatabase();
    const a = counter(url);

    await a.hit('alice', 300);
    const second = await a.hit('alice', 300);
    await new Promise((done) => setTimeout(done, 400));
    const next = await a.hit('alice', 300);

    expect(second.hits).toBe(2);
    expect(next.hits).toBe(1);
    expect(next.resetAt.getTime()).toBeGreaterThan(second.resetAt.getTime());
  });

  it('takes back a counted request and forgets a key', async () => {
    const url = await freshDatabase();
    const a = counter(url);
    await a.hit('alice', 60_000);
    await a.hit('alice', 60_000);

    await a.undo('alice');
    expect((await a.hit('alice', 60_000)).hits).toBe(2);
    await a.reset('alice');
    expect((await a.hit('alice', 60_000)).hits).toBe(1);
  });
});
