import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RawServer } from '../support/raw-server.js';
import { ENTRY, tempDir } from '../support/server-process.js';

// The launcher (dist/cli.js) answers `initialize` with the bundle's recorded answer before the
// bundle loads (src/early-initialize.ts). The client must not be able to tell: the same answer
// the server gives itself, exactly one answer, and every byte still reaching the server.
const root = tempDir('dem-early-');
const env = { DATA_ENGINEER_PROJECT: root, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory') };
const BUNDLE = resolve(ENTRY, '..', 'server.cjs');
const started: RawServer[] = [];
const start = (args?: string[]) => {
  const server = new RawServer(env, root, args);
  started.push(server);
  return server;
};
const initialize = (protocolVersion: string, extra: Record<string, unknown> = {}) => ({
  method: 'initialize',
  params: { protocolVersion, capabilities: { roots: { listChanged: true } }, clientInfo: { name: 'early-test', version: '1.0.0' }, ...extra },
});
const answersTo = (server: RawServer, id: number) => server.stdoutLines().map((line) => JSON.parse(line)).filter((message) => message.id === id);

afterEach(() => started.splice(0).forEach((server) => server.kill()));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the early initialize answer', () => {
  it('comes before the bundle has loaded', async () => {
    // A copy of the launcher beside a "bundle" that never gets as far as reading stdin.
    const dist = join(root, 'stuck', 'dist');
    mkdirSync(dist, { recursive: true });
    cpSync(ENTRY, join(dist, 'cli.js'));
    writeFileSync(join(dist, 'package.json'), '{"type":"commonjs"}\n');
    writeFileSync(join(dist, 'server.cjs'), 'setInterval(() => {}, 60_000);\n');
    const server = start([join(dist, 'cli.js')]);
    server.send({ id: 1, ...initialize('2025-06-18') });
    const answer = await server.response(1);
    expect(answer.result).toMatchObject({ protocolVersion: '2025-06-18', serverInfo: { name: 'data-engineer-mcp' }, capabilities: { tools: { listChanged: true } } });
  });

  it.each([...SUPPORTED_PROTOCOL_VERSIONS, '1999-01-01'])('for protocol %s is what the server answers itself, and the only answer', async (version) => {
    const early = start();
    const direct = start([BUNDLE]);
    for (const server of [early, direct]) {
      server.send({ id: 1, ...initialize(version) });
      server.send({ method: 'notifications/initialized' });
      server.send({ id: 2, method: 'tools/list' });
    }
    const [earlyTools, directTools] = await Promise.all([early.response(2), direct.response(2)]);
    expect(earlyTools.result.tools.length).toBeGreaterThan(0);
    expect(earlyTools).toEqual(directTools);
    const [earlyAnswer] = answersTo(early, 1);
    expect(answersTo(early, 1)).toHaveLength(1);
    expect(earlyAnswer.result.protocolVersion).toBe(SUPPORTED_PROTOCOL_VERSIONS.includes(version) ? version : LATEST_PROTOCOL_VERSION);
    expect(earlyAnswer).toEqual(answersTo(direct, 1)[0]);
    expect(early.stderr).not.toMatch(/differs/u);
  });

  it('is not given to an initialize the SDK would refuse: the server answers it with its own error', async () => {
    const early = start();
    const direct = start([BUNDLE]);
    for (const server of [early, direct]) server.send({ id: 1, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {} } });
    const [refused, refusedDirectly] = await Promise.all([early.response(1), direct.response(1)]);
    expect(refused.error?.code).toBeDefined();
    expect(refused).toEqual(refusedDirectly);
    expect(answersTo(early, 1)).toHaveLength(1);
  });

  it('is not given when the first message is something else; the server answers everything in order', async () => {
    const server = start();
    server.send({ id: 1, method: 'ping' });
    server.send({ id: 2, ...initialize(LATEST_PROTOCOL_VERSION) });
    expect((await server.response(2)).result?.serverInfo?.name).toBe('data-engineer-mcp');
    expect((await server.response(1)).result).toEqual({});
    expect(answersTo(server, 2)).toHaveLength(1);
  });

  it('answers an initialize that arrives in pieces exactly once', async () => {
    const server = start();
    const line = `${JSON.stringify({ jsonrpc: '2.0', id: 1, ...initialize(LATEST_PROTOCOL_VERSION) })}\n`;
    server.write(line.slice(0, 40));
    await new Promise((done) => setTimeout(done, 300));
    server.write(line.slice(40));
    server.send({ id: 2, method: 'tools/list' });
    expect((await server.response(2)).result.tools.length).toBeGreaterThan(0);
    expect(answersTo(server, 1)).toHaveLength(1);
  });

  it('leaves the server to exit when stdin closes before a byte was sent', async () => {
    const server = start();
    server.child.stdin.end();
    expect(await server.exit()).toEqual({ code: 0, signal: null });
  });

  it('never holds a command waiting on stdin', async () => {
    // stdin stays open and silent, as under a client that spawns every command with a pipe.
    const command = spawn(process.execPath, [ENTRY, 'info'], { env: { PATH: process.env.PATH ?? '', HOME: root, ...env }, cwd: root, stdio: 'pipe' });
    const code = await new Promise((done) => command.once('exit', done));
    expect(code).toBe(0);
  });
});
