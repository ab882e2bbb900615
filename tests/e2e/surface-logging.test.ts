import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStoreLock } from '../../src/domain/store/store-lock.js';
import { Sandbox } from '../support/sandbox.js';
import { call } from '../support/server-process.js';
import { record } from '../support/surface-client.js';
import { waitFor } from '../support/wait-for.js';

// MCP logging that honours logging/setLevel, with stdout kept protocol-only.
const mentions = (data: unknown, text: string) => JSON.stringify(data).includes(text);

describe('client logging over stdio', () => {
  let sandbox: Sandbox;
  beforeEach(() => {
    sandbox = new Sandbox();
  });
  afterEach(async () => sandbox.dispose());

  async function startWatched() {
    const started = await sandbox.startWith({ env: { DATA_ENGINEER_PROJECT: sandbox.dir('shop') } });
    // Any non-JSON-RPC byte on stdout would surface here as a parse error from the transport.
    const errors: Error[] = [];
    started.client.onerror = (error) => errors.push(error);
    const messages = record(started.client, LoggingMessageNotificationSchema);
    return { ...started, errors, messages };
  }

  it('advertises logging and keeps the human log on stderr', async () => {
    const { client, errors, stderr } = await startWatched();
    expect(client.getServerCapabilities()?.logging).toBeDefined();
    await waitFor('the start-up line on stderr', () => stderr().includes('serving data_engineer'));
    expect(errors).toEqual([]);
  });

  it('sends a debug message for a write once the client asks for debug', async () => {
    const { client, errors, messages } = await startWatched();
    await client.setLoggingLevel('debug');

    const added = await call(client, 'add_memory', { type: 'pattern', content: 'Debug logs name the write' });
    const id = added.structuredContent.memory.id as string;

    const debug = await waitFor('a debug notifications/message about the write', () =>
      messages.find((message) => message.params.level === 'debug' && mentions(message.params.data, id)),
    );
    expect(debug.params.logger).toBe('data-engineer-mcp');
    expect(errors).toEqual([]);
  });

  it('sends no debug or info messages after the client lowers the level to error', async () => {
    const { client, errors, messages } = await startWatched();
    // First prove this server does send debug for a write, so silence below means the level held.
    await client.setLoggingLevel('debug');
    const first = await call(client, 'add_memory', { type: 'pattern', content: 'Cache lookup tables in memory during joins' });
    await waitFor('a debug message for the first write', () => messages.some((message) => mentions(message.params.data, first.structuredContent.memory.id)));

    await client.setLoggingLevel('error');
    const from = messages.length;
    const quiet = await call(client, 'add_memory', { type: 'pattern', content: 'Vacuum warehouse partitions every Sunday night' });
    await call(client, 'memory_info');

    // Barrier: once a debug message about a later write arrives, any message the quiet write
    // caused has arrived too (notifications and replies share one ordered stdout stream).
    await client.setLoggingLevel('debug');
    const until = messages.length;
    const loud = await call(client, 'add_memory', { type: 'pattern', content: 'Retry flaky vendor exports with jittered backoff' });
    await waitFor('the barrier debug message', () => messages.some((message) => mentions(message.params.data, loud.structuredContent.memory.id)));

    const chatter = messages.slice(from, until).filter((message) => message.params.level === 'debug' || message.params.level === 'info');
    expect(chatter).toEqual([]);
    expect(messages.some((message) => mentions(message.params.data, quiet.structuredContent.memory.id))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('tells the client at info which project and store it chose', async () => {
    // Recorded from before the handshake: the announcement follows notifications/initialized.
    const client = new Client({ name: 'data-engineer-mcp-tests', version: '1.0.0' });
    const messages = record(client, LoggingMessageNotificationSchema);
    await sandbox.startWith({ client, env: { DATA_ENGINEER_PROJECT: sandbox.dir('shop') } });
    const storePath = (await call(client, 'memory_info')).structuredContent.storePath as string;

    await waitFor('an info message naming the store', () => messages.some((message) => message.params.level === 'info' && mentions(message.params.data, storePath)));
  });

  it('warns the client when an unreadable store is set aside', async () => {
    const { client, messages } = await startWatched();
    const storePath = (await call(client, 'memory_info')).structuredContent.storePath as string;
    mkdirSync(dirname(storePath), { recursive: true });
    writeFileSync(storePath, '{"schemaVersion": 1, "memories": [');

    const result = await call(client, 'read_memories');

    expect(result.isError).toBe(true);
    await waitFor('a warning naming the unreadable store', () =>
      messages.some((message) => message.params.level === 'warning' && mentions(message.params.data, storePath) && mentions(message.params.data, '.corrupt-')),
    );
  });

  it('warns the client when a write waits for another process\'s lock', async () => {
    const { client, messages } = await startWatched();
    const storePath = (await call(client, 'memory_info')).structuredContent.storePath as string;
    mkdirSync(dirname(storePath), { recursive: true });
    // The same lock another server process would hold, owner record and all (a lock without
    // one is taken over as a crash's leftover after half a second).
    const write = await withStoreLock(storePath, async () => {
      const pending = call(client, 'add_memory', { type: 'pattern', content: 'Waits for the other writer' });
      await waitFor('a warning about waiting for the lock', () =>
        messages.some((message) => message.params.level === 'warning' && mentions(message.params.data, 'waiting for the lock')),
      );
      return { pending };
    });
    expect((await write.pending).isError).toBeFalsy();
  });
});
