import { afterEach, describe, expect, it } from 'vitest';
import { revokeToken } from '../../src/http/token-file.js';
import { HttpFixture, INITIALIZE } from '../support/http-server.js';
import { ok } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';

// The team server over real HTTP on 127.0.0.1: who may call, from where, how often.

const ADD = { type: 'pattern', content: 'Partition the events table by day' };
let fixture: HttpFixture;

afterEach(async () => {
  await fixture.dispose();
});

async function started(): Promise<HttpFixture> {
  fixture = new HttpFixture();
  return fixture;
}

describe('bearer tokens', () => {
  it('answers 401 with WWW-Authenticate to a request without a token or with an unknown one', async () => {
    const server = await started();
    server.addToken('alice');
    await server.start();
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer dem_not-a-real-token' }, { authorization: 'Basic YWxpY2U6eA==' }];
    for (const headers of attempts) {
      const response = await server.post('/mcp', INITIALIZE, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    }
    await expect(server.client(undefined)).rejects.toThrow(/invalid_token/);
  });

  it('serves a client whose token is in the tokens file, and never logs the token', async () => {
    const server = await started();
    const token = server.addToken('alice');
    await server.start();
    const client = await server.client(token, 'shop');
    const { created } = await ok(client, 'add_memory', ADD);
    expect(created).toBe(true);
    await waitFor('the access log line', () => server.lines.some((line) => /POST shop tools\/call:add_memory alice 200 \d+ms/.test(line)));
    expect(server.lines.join('\n')).not.toContain(token);
  });

  it('refuses a revoked token within seconds, in a session already open and on its event stream', async () => {
    const server = await started();
    const alice = server.addToken('alice');
    const bob = server.addToken('bob');
    await server.start();
    const client = await server.client(alice, 'shop');
    const other = await server.client(bob, 'shop');
    await ok(client, 'add_memory', ADD);
    expect((await server.health()).sessions).toBe(2);
    revokeToken(server.tokensFile, 'alice');
    // Alice's session is closed by the server (its event stream ends with it) ...
    await waitFor('alice\'s session to close', async () => (await server.health()).sessions === 1, 5_000);
    // ... and her token opens nothing any more.
    expect((await server.post('/mcp', INITIALIZE, { authorization: `Bearer ${alice}` })).status).toBe(401);
    await expect(ok(client, 'read_memories')).rejects.toThrow(/invalid_token|Session not found/);
    // Bob's token is untouched.
    expect((await ok(other, 'read_memories')).total).toBe(1);
  });

  it('lets a session be used only with the token that opened it', async () => {
    const server = await started();
    const alice = server.addToken('alice');
    const bob = server.addToken('bob');
    await server.start();
    const init = await server.post('/mcp/shop', INITIALIZE, { authorization: `Bearer ${alice}` });
    const session = init.headers.get('mcp-session-id')!;
    expect(session).toBeTruthy();
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const stolen = await server.post('/mcp/shop', list, { authorization: `Bearer ${bob}`, 'mcp-session-id': session });
    expect(stolen.status).toBe(404);
    const own = await server.post('/mcp/shop', list, { authorization: `Bearer ${alice}`, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' });
    expect(own.status).toBe(200);
  });
});

describe('where requests come from', () => {
  it('answers 403 to a browser Origin that is not allowed, and serves one that is', async () => {
    const server = await started();
    const token = server.addToken('alice');
    await server.start({ allowedOrigins: ['http://localhost:6274'] });
    const auth = { authorization: `Bearer ${token}` };
    expect((await server.post('/mcp', INITIALIZE, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    const allowed = await server.post('/mcp', INITIALIZE, { ...auth, origin: 'http://localhost:6274' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:6274');
  });

  it("serves a page of the server's own origin on loopback, but not another local port", async () => {
    const server = await started();
    const token = server.addToken('alice');
    await server.start();
    const auth = { authorization: `Bearer ${token}` };
    const own = new URL(server.url).origin;
    expect((await server.post('/mcp', INITIALIZE, { ...auth, origin: own })).status).toBe(200);
    expect((await server.post('/mcp', INITIALIZE, { ...auth, origin: 'http://127.0.0.1:1' })).status).toBe(403);
  });

  it('answers 403 to a Host header that is not this loopback server (DNS rebinding)', async () => {
    const server = await started();
    const token = server.addToken('alice');
    await server.start();
    const { request } = await import('node:http');
    const status = await new Promise<number>((done, failed) => {
      const url = new URL(server.url);
      const req = request({ host: url.hostname, port: url.port, path: '/mcp', method: 'POST', headers: { host: `rebound.example:${url.port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        done(res.statusCode!);
      });
      req.on('error', failed);
      req.end(JSON.stringify(INITIALIZE));
    });
    expect(status).toBe(403);
  });

  it('refuses to start on a non-loopback host without a tokens file', async () => {
    const server = await started();
    await expect(server.start({ host: '0.0.0.0', tokensFile: undefined })).rejects.toThrow(/refusing to serve on 0\.0\.0\.0 without tokens/);
  });

  it('serves loopback clients without a token when started without a tokens file', async () => {
    const server = await started();
    await server.start({ tokensFile: undefined });
    const client = await server.client(undefined);
    expect((await ok(client, 'add_memory', ADD)).created).toBe(true);
  });
});

describe('bounds', () => {
  it('answers 429 with Retry-After once a token passes its requests per minute', async () => {
    const server = await started();
    const token = server.addToken('alice');
    await server.start({ ratePerMinute: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await server.post('/mcp', { jsonrpc: '2.0', id: i, method: 'tools/list' }, { authorization: `Bearer ${token}` });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('answers 413 to a request body over the bound, and stores nothing', async () => {
    const server = await started();
    await server.start({ tokensFile: undefined, maxBodyBytes: 1_000 });
    const big = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add_memory', arguments: { type: 'pattern', content: 'x'.repeat(2_000) } } };
    expect((await server.post('/mcp', big)).status).toBe(413);
    const client = await server.client(undefined);
    expect((await ok(client, 'read_memories')).total).toBe(0);
  });

  it('replaces a reply over the bound by an error that says how to ask for less', async () => {
    const server = await started();
    // Above tools/list (~12 kB), below a page of 80 long memories (each twice: text and structured).
    await server.start({ tokensFile: undefined, maxReplyBytes: 24_000 });
    const client = await server.client(undefined);
    const words = ['orders', 'invoices', 'events', 'sessions', 'payments', 'refunds', 'carts', 'users'];
    for (let i = 0; i < 80; i++) {
      const content = `Table ${words[i % 8]}_${Math.floor(i / 8)} is loaded hourly from the ${words[(i + 3) % 8]} topic with upserts`;
      await ok(client, 'add_memory', { type: 'pattern', content });
    }
    await expect(client.callTool({ name: 'read_memories', arguments: { limit: 100 } })).rejects.toThrow(/over this server's 24000-byte limit.*smaller limit/);
    expect((await ok(client, 'read_memories', { limit: 5 })).memories).toHaveLength(5);
  });
});

describe('clients without a session', () => {
  it('answers a tools/call sent with no session id and no initialize', async () => {
    const server = await started();
    await server.start({ tokensFile: undefined });
    const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'add_memory', arguments: ADD } };
    const response = await server.post('/mcp/shop', call);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.result.structuredContent.created).toBe(true);
    const client = await server.client(undefined, 'shop');
    expect((await ok(client, 'read_memories')).total).toBe(1);
  });

  it('answers 404 to a session id it does not know, so the client starts a new session', async () => {
    const server = await started();
    await server.start({ tokensFile: undefined });
    const response = await server.post('/mcp', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { 'mcp-session-id': 'no-such-session' });
    expect(response.status).toBe(404);
  });
});
