import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostgresEngine } from '../../src/domain/store/postgres/postgres-engine.js';
import { HttpFixture } from '../support/http-server.js';
import { freshDatabase, postgresEngine } from '../support/postgres.js';
import { call, ok, textOf } from '../support/server-process.js';

// The sessions of a team server share one store engine: a session that ends must not close it.

let fixture: HttpFixture;
let engine: PostgresEngine | undefined;
afterEach(async () => {
  await fixture.dispose();
  await engine?.close();
});

describe('a session ending on the team server', () => {
  it('leaves the PostgreSQL store open for the sessions that stay', async () => {
    fixture = new HttpFixture();
    engine = postgresEngine(await freshDatabase());
    const token = fixture.addToken('alice');
    await fixture.start({}, engine);
    const leavingTransport = fixture.transport(token, 'shop');
    const leaving = new Client({ name: 'leaving', version: '1' });
    await leaving.connect(leavingTransport);
    const staying = await fixture.client(token, 'shop');
    await ok(leaving, 'add_memory', { type: 'pattern', content: 'Partition the events table by day' });

    await leavingTransport.terminateSession();
    await leaving.close();
    const after = await call(staying, 'add_memory', { type: 'pattern', content: 'Load dimensions before facts' });

    expect(after.isError, textOf(after)).toBeFalsy();
    expect((await ok(staying, 'read_memories')).total).toBe(2);
  });
});
