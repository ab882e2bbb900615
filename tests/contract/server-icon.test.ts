import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { useContractServer } from '../support/contract-server.js';

// MCP 2025-11-25 icons: the server names itself with the same image the .mcpb shows.
const png = readFileSync(resolve(import.meta.dirname, '../../src/mcp/icon.png'));
let client: Client;
useContractServer('file', (server) => ({ client } = server));

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
