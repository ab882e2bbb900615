import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProject } from '../../src/domain/project.js';
import { createServer, type DataEngineerServer } from '../../src/mcp/create-server.js';
import { tempDir } from '../support/server-process.js';

// MCP 2025-11-25 icons: the server names itself with the same image the .mcpb shows.
const png = readFileSync(resolve(import.meta.dirname, '../../src/mcp/icon.png'));
const root = tempDir('dem-icon-');
let built: DataEngineerServer;
let client: Client;

beforeAll(async () => {
  const project = resolveProject(root, 'cli');
  built = createServer({
    name: 'data-engineer-mcp',
    version: '0.0.0-test',
    agentDirs: [resolve(import.meta.dirname, '../../agents')],
    projectChoice: { explicit: project, fallback: project, memoryDir: join(root, 'memory') },
    promptMemoryChars: 4_000,
    maxMemoriesPerAgent: 1_000,
    log: () => {},
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'contract', version: '1.0.0' });
  await Promise.all([built.server.connect(serverSide), client.connect(clientSide)]);
});
afterAll(async () => {
  await client.close();
  await built.close();
  rmSync(root, { recursive: true, force: true });
});

const decoded = (src: string) => Buffer.from(src.replace(/^data:image\/png;base64,/u, ''), 'base64');

describe('the server icon', () => {
  it('comes with the initialize result as a PNG data URI of src/mcp/icon.png', () => {
    const info = client.getServerVersion();
    expect(info?.title).toBe('Data Engineer');
    expect(info?.icons).toHaveLength(1);
    const [icon] = info!.icons!;
    expect(icon).toMatchObject({ mimeType: 'image/png', sizes: [`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`] });
    expect(icon!.src.startsWith('data:image/png;base64,')).toBe(true);
    expect(decoded(icon!.src).equals(png)).toBe(true);
  });

  it('marks both resource templates and the resources they list', async () => {
    const templates = (await client.listResourceTemplates()).resourceTemplates;
    const resources = (await client.listResources()).resources;
    expect(resources.length).toBeGreaterThan(0);
    for (const entry of [...templates, ...resources]) expect(decoded(entry.icons?.[0]?.src ?? '').equals(png), entry.name).toBe(true);
  });
});
