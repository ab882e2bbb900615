import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractServer, contractServer } from '../support/contract-server.js';
import { call, textOf } from '../support/server-process.js';
import { readStore, storePathOf } from '../support/store-files.js';

// Content carrying a credential is refused by every writing tool, naming the rule and never echoing the secret (not in the text, not in
// structuredContent, not in the log, not in the store); talking *about* keys stays allowed.

// Fake credentials are assembled at runtime so this file does not trip repository secret scanners.
const body = (n: number): string => 'q7W3e9R2t5Y8u1I4'.repeat(8).slice(0, n);

const SECRETS: Array<{ rule: string; content: string; secret: string }> = [
  { rule: 'anthropic-api-key', content: `Claude key is ${'sk-ant-api03-' + body(32)}`, secret: body(32) },
  { rule: 'openai-api-key', content: `OpenAI key ${'sk-proj-' + body(30)}`, secret: body(30) },
  { rule: 'aws-access-key-id', content: `AWS id ${'AKIA' + 'Z7Q2W9E4R1T6Y3U8'} for the loader`, secret: 'Z7Q2W9E4R1T6Y3U8' },
  { rule: 'github-token', content: `CI clones with ${'ghp_' + body(36)}`, secret: body(36) },
  { rule: 'slack-token', content: `Alerts bot ${'xoxb-' + '123456789012-' + body(16)}`, secret: `123456789012-${body(16)}` },
  { rule: 'jwt', content: `Bearer ${'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxIn0.' + body(20)}`, secret: `eyJzdWIiOiIxIn0.${body(20)}` },
  { rule: 'private-key', content: 'Deploy key: -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1r', secret: 'b3BlbnNzaC1r' },
  { rule: 'secretlint-database-connection-string', content: 'Warehouse at postgres://etl:Wh4reh0use!@db.internal:5432/dw', secret: 'Wh4reh0use!' },
  { rule: 'credential-assignment', content: 'Staging DB_PASSWORD=Tr0ub4dor&3x', secret: 'Tr0ub4dor&3x' },
  { rule: 'credential-assignment', content: "airflow secret: 'correct horse battery staple'", secret: 'correct horse battery staple' },
];

const ALLOWED = [
  'Rotate API keys monthly',
  'OpenAI key is in the OPENAI_API_KEY env var',
  'password: use the vault, never the repo',
  'Tokens for the warehouse live in AWS Secrets Manager',
];

let server: ContractServer;
/** Every line the server logged (in a process: its stderr). */
const logged: string[] = [];
let storePath: string;
let existingId: string;

beforeAll(async () => {
  server = await contractServer({ log: (level, message) => logged.push(`${level}: ${message}`) });
  const added = await call(server.client, 'add_memory', { type: 'integration', content: 'Warehouse loads run nightly at 02:00' });
  existingId = added.structuredContent.memory.id;
  storePath = await storePathOf(server.client);
});

afterAll(() => server.close());

function expectNoEcho(result: unknown, secret: string): void {
  expect(JSON.stringify(result)).not.toContain(secret);
  expect(JSON.stringify(result)).not.toContain(JSON.stringify(secret).slice(1, -1));
}

describe.each(SECRETS)('content with a secret (rule $rule)', ({ rule, content, secret }) => {
  it('is refused by add_memory, naming the rule, suggesting where to point instead, echoing nothing', async () => {
    const result = await call(server.client, 'add_memory', { type: 'integration', content });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`rule "${rule}"`);
    expect(textOf(result)).toMatch(/Store where the secret lives/u);
    expectNoEcho(result, secret);
  });

  it('is refused by update_memory, and the memory keeps its content', async () => {
    const result = await call(server.client, 'update_memory', { id: existingId, content });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`rule "${rule}"`);
    expectNoEcho(result, secret);
    const stored = readStore(storePath).memories.find((memory) => memory.id === existingId);
    expect(stored?.content).toBe('Warehouse loads run nightly at 02:00');
  });

  it('is rejected by extract_memories with the block withheld, while the clean block beside it is stored', async () => {
    const clean = `Clean learning beside secret case ${SECRETS.findIndex((c) => c.content === content)}`;
    const text = `Reply.\n\n# Add To Memory:\nType: integration\nContent: ${content}\n#\n\n# Remember:\nType: pattern\nContent: ${clean}\n#\n`;

    const result = await call(server.client, 'extract_memories', { text });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.added.map((memory: any) => memory.content)).toEqual([clean]);
    expect(result.structuredContent.rejected).toHaveLength(1);
    expect(result.structuredContent.rejected[0].reason).toContain(`rule "${rule}"`);
    expectNoEcho(result, secret);
  });
});

describe('after all those attempts', () => {
  it('has no secret in the store file or in the server log', () => {
    const store = readFileSync(storePath, 'utf8');
    for (const { secret } of SECRETS) {
      expect(store).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
    }
  });
});

describe('talking about keys', () => {
  it.each(ALLOWED)('stays allowed: %s', async (content) => {
    const result = await call(server.client, 'add_memory', { type: 'guideline', content });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent.memory.content).toBe(content);
  });
});

// A block refused for some other reason is quoted back so the model can fix it, unless it
// carries a secret.
describe('extract_memories blocks rejected for another reason', () => {
  const password = 'Tr0ub4dor&3x';
  it.each([
    ['an unknown type', `# Add To Memory:\nType: gossip\nContent: DB_PASSWORD=${password}\n#`],
    ['no Content: line', `# Add To Memory:\nType: pattern\nNote: DB_PASSWORD=${password}\n#`],
    ['content over 100 characters', `# Add To Memory:\nType: pattern\nContent: DB_PASSWORD=${password} ${'x'.repeat(120)}\n#`],
  ])('do not echo the secret when the block has %s', async (_case, text) => {
    const result = await call(server.client, 'extract_memories', { text });

    expect(result.structuredContent.rejected).toHaveLength(1);
    expect(result.structuredContent.rejected[0].block).toMatch(/withheld/u);
    expectNoEcho(result, password);
  });
});
