import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectKey } from '../../src/domain/project.js';
import { Sandbox } from '../support/sandbox.js';

/** Generous: a loaded CI machine is slow, but a server that ignores stdin closing never exits at all. */
const EXIT_GRACE_MS = 15_000;

let sandbox: Sandbox;
let root: string;
let projectDir: string;
let memoryDir: string;

beforeEach(() => {
  sandbox = new Sandbox();
  ({ root, memoryDir } = sandbox);
  projectDir = sandbox.dir('shop');
});
afterEach(() => sandbox.dispose());

const startRaw = () => sandbox.startRaw(projectDir);

describe('the server process on stdio', () => {
  it('prints one friendly line on stderr naming the project and its store', async () => {
    const raw = startRaw();
    const { result: init } = await raw.initialize();
    expect(init.serverInfo.name).toBe('data-engineer-mcp');
    await raw.until(() => raw.stderr.includes('\n'), 'a startup line on stderr');
    await raw.request('tools/list');

    raw.child.stdin.end();
    await raw.exit(EXIT_GRACE_MS);

    const lines = raw.stderrLines();
    expect(lines, raw.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^data-engineer-mcp: /u);
    expect(lines[0]).toContain('data_engineer');
    expect(lines[0]).toContain(`project shop (${projectDir}`);
    expect(lines[0]).toContain(join(memoryDir, `${projectKey(projectDir)}.json`));
  });

  it('writes nothing but JSON-RPC messages on stdout', async () => {
    const raw = startRaw();
    await raw.initialize();
    await raw.request('tools/list');
    await raw.request('prompts/list');
    await raw.request('prompts/get', { name: 'data_engineer', arguments: { task: 'Plan a backfill' } });
    await raw.request('tools/call', { name: 'add_memory', arguments: { type: 'pattern', content: 'Backfill in daily chunks' } });
    await raw.request('tools/call', { name: 'add_memory', arguments: { type: 'nonsense', content: 'x' } });
    await raw.request('tools/call', { name: 'memory_info', arguments: {} });
    await raw.request('no/such/method');

    raw.child.stdin.end();
    await raw.exit(EXIT_GRACE_MS);

    expect(raw.stdout.endsWith('\n')).toBe(true);
    const messages = raw.stdoutLines().map((line) => {
      expect(() => JSON.parse(line), line).not.toThrow();
      return JSON.parse(line) as { jsonrpc?: string; id?: number };
    });
    expect(messages.length).toBeGreaterThanOrEqual(8);
    for (const message of messages) expect(message.jsonrpc).toBe('2.0');
    expect(messages.map((message) => message.id).filter((id) => id !== undefined)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('answers an invalid argument with an isError result and keeps running', async () => {
    const raw = startRaw();
    await raw.initialize();

    const refused = await raw.request('tools/call', { name: 'read_memories', arguments: { limit: 0 } });
    const after = await raw.request('tools/call', { name: 'memory_info', arguments: {} });

    expect(refused.result.isError).toBe(true);
    expect(after.result.structuredContent.project.name).toBe('shop');
    expect(raw.child.exitCode).toBeNull();
  });

  it('exits after its stdin is closed', async () => {
    const raw = startRaw();
    await raw.initialize();
    await raw.request('tools/call', { name: 'add_memory', arguments: { type: 'context', content: 'About to shut down' } });

    raw.child.stdin.end();
    const exit = await raw.exit(EXIT_GRACE_MS);

    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('exits when stdin closes before any request', async () => {
    const raw = startRaw();
    await raw.until(() => raw.stderr.includes('\n'), 'a startup line on stderr');

    raw.child.stdin.end();

    expect((await raw.exit(EXIT_GRACE_MS)).code).toBe(0);
  });

  it('refuses to start with a project folder that does not exist, saying which setting is wrong', async () => {
    const raw = sandbox.startRaw(join(root, 'missing'));

    const exit = await raw.exit(EXIT_GRACE_MS);

    expect(exit.code).not.toBe(0);
    expect(raw.stderr).toContain('DATA_ENGINEER_PROJECT');
    expect(raw.stderr).toContain(join(root, 'missing'));
    expect(raw.stdout).toBe('');
  });
});
