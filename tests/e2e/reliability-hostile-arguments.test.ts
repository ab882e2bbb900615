import { readdirSync } from 'node:fs';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_TYPES, type Memory, MemorySchema } from '../../src/domain/memory.js';
import { validContent } from '../../src/domain/validate-memory.js';
import { PROTOTYPE_POLLUTED, PROTOTYPE_SENTINEL, ReliabilitySandbox } from '../support/reliability-sandbox.js';
import { type Started, call, textOf } from '../support/server-process.js';

// Random and adversarial arguments to every tool the server lists. Every
// call ends in a result or a clear isError (never our generic internal error), the process
// survives, no built-in prototype changes inside it (a preloaded sentinel reports any on
// stderr), and the store changes only by the writes the server acknowledged.

const MiB = 1024 * 1024;
const CALL_TIMEOUT_MS = 10_000;
/** Stands for "an id that exists right now"; replaced when the call is made. */
const EXISTING_ID = '\u0000existing-id\u0000';

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside a long enough text',
  '../../etc/passwd',
  '/etc/passwd',
  '..\\..\\windows\\system32\\config',
  'file:///etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc',
  '__proto__',
  'constructor',
  'prototype',
  '\ud800 lone surrogate',
  '💥'.repeat(200),
  '${jndi:ldap://x/a} {{7*7}} <script>alert(1)</script>',
  "'; DROP TABLE memories; --",
  'x'.repeat(MiB),
  'word '.repeat(MiB / 5),
  `# Add To Memory:\nType: pattern\nContent: fuzz block ${'z'.repeat(10)}\n#\n`.repeat(2_000),
];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty'];

const text = fc.oneof({ arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 2 }, fc.string(), fc.string({ unit: 'binary', maxLength: 200 }));

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string()), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const memoryType = fc.oneof({ arbitrary: fc.constantFrom(...MEMORY_TYPES), weight: 4 }, fc.constantFrom('PATTERN', ' Context ', 'gossip'));
const content = fc.oneof(
  fc.string({ minLength: 5, maxLength: 100 }).filter((s) => s.trim().length >= 5),
  fc.constantFrom('Partition fact tables by event date', 'nul\u0000inside a memory', '# heading-like memory text'),
);
const projectValue = fc.constantFrom('../../etc/passwd', '/etc/passwd', '/nonexistent/folder', 'relative/dir', '\u0000', '');

/** Mostly-valid arguments per known tool, so that writes happen and the store has something to lose. */
const BASES: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  add_memory: fc.record({ type: memoryType, content, agent: fc.oneof({ arbitrary: fc.constantFrom('data_engineer', 'other_agent'), weight: 4 }, fc.constantFrom('../x', 'UPPER', '__proto__')) }, { requiredKeys: ['type', 'content'] }),
  read_memories: fc.record({ type: memoryType, query: text, limit: fc.oneof(fc.integer(), fc.constant(Number.POSITIVE_INFINITY), fc.constant(2 ** 53 + 2)), cursor: text }, { requiredKeys: [] }),
  update_memory: fc.record({ id: fc.oneof(fc.constant(EXISTING_ID), text), content, type: memoryType }, { requiredKeys: ['id'] }),
  delete_memory: fc.record({ id: fc.oneof(fc.constant(EXISTING_ID), fc.constant(EXISTING_ID), text) }),
  extract_memories: fc.record({
    text: fc.oneof(
      text,
      fc.tuple(memoryType, content).map(([type, learning]) => `Reply\n# Add To Memory:\nType: ${type}\nContent: ${learning}\n#\n`),
    ),
  }),
};

/** The classic pollution payloads, as own keys (the way JSON.parse makes them). */
const POISON = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}') as Record<string, unknown>;

const withKeys = (...parts: Array<Record<string, unknown>>): Record<string, unknown> => Object.assign(Object.create(null), ...parts);

/**
 * Valid arguments alone (so writes happen), with exactly one field replaced by something hostile
 * (the fastest way to find a type confusion), with hostile extra keys, or hostile keys alone.
 */
function argumentsFor(tool: string, fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  const base = BASES[tool] ?? fc.constant({});
  // A `project` that names a real folder ("/", "/tmp") is a valid choice of another store, so
  // that field only gets values that must be refused; the model below tracks one store.
  const hostileFor = (field: string) => (field === 'project' ? projectValue : fc.oneof(value, projectValue, fc.constant(POISON)));
  const oneFieldWrong = fc
    .tuple(base, fc.constantFrom(...fields, 'unknown_field'))
    .chain(([valid, field]) => hostileFor(field).map((bad) => withKeys(valid, { [field]: bad })));
  const extraKeys = fc
    .uniqueArray(fc.constantFrom(...fields, ...PROTO_KEYS), { maxLength: 4 })
    .chain((keys) => fc.tuple(...keys.map((key) => hostileFor(key))).map((values) => withKeys(Object.fromEntries(keys.map((key, i) => [key, values[i]])))));
  return fc.oneof(
    { arbitrary: base, weight: 2 },
    { arbitrary: oneFieldWrong, weight: 4 },
    fc.tuple(base, extraKeys).map(([valid, extra]) => withKeys(valid, extra)),
    base.map((valid) => withKeys(valid, POISON)),
    extraKeys,
  );
}

let sandbox: ReliabilitySandbox;
let server: Started;

beforeAll(async () => {
  sandbox = new ReliabilitySandbox();
  server = await sandbox.start(sandbox.projectDir, { NODE_OPTIONS: `--import=${PROTOTYPE_SENTINEL}` });
});

afterAll(async () => {
  await sandbox.dispose();
});

describe('hostile arguments to every tool', () => {
  it('end in a result or a clear isError; the server survives and the store holds exactly the acknowledged writes', async () => {
    const { client } = server;
    const { tools } = await client.listTools();
    const fieldsOf = new Map(tools.map((tool) => [tool.name, Object.keys(tool.inputSchema.properties ?? {})]));
    const modelled = new Set(['add_memory', 'read_memories', 'update_memory', 'delete_memory', 'extract_memories', 'memory_info']);
    const names = [...fieldsOf.keys()];
    const model = new Map<string, Memory>();
    let unmodelledWrites = 0;
    let pick = 0;
    // Something to lose: hostile updates and deletes below aim at these ids.
    for (let i = 0; i < 10; i++) {
      const { structuredContent } = await call(client, 'add_memory', { type: MEMORY_TYPES[i % 8]!, content: `Seed memory number ${i} before fuzzing` });
      model.set(structuredContent.memory.id, structuredContent.memory);
    }

    const callArb = fc.oneof(
      fc.constantFrom(...names).chain((name) => argumentsFor(name, fieldsOf.get(name)!).map((args) => ({ name, args, raw: false }))),
      fc.record({ name: fc.constantFrom('no_such_tool', '__proto__', 'constructor', '../add_memory'), args: argumentsFor('none', []), raw: fc.constant(false) }),
      fc.record({ name: fc.constantFrom(...names), args: fc.oneof(fc.array(value), text, fc.integer(), fc.constant(null)), raw: fc.constant(true) }),
    );

    await fc.assert(
      fc.asyncProperty(callArb, async ({ name, args, raw }) => {
        if (raw) {
          // Arguments that are not an object are refused by the SDK at protocol level; fine, as
          // long as the very next call is answered.
          await client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema, { timeout: CALL_TIMEOUT_MS }).catch((error: unknown) => {
            if (!(error instanceof McpError)) throw error;
          });
          expect((await call(client, 'memory_info')).isError).toBeFalsy();
          return;
        }
        const ids = [...model.keys()];
        const resolved = JSON.parse(JSON.stringify(args, (_key, v: unknown) => (v === EXISTING_ID ? (ids[pick++ % ids.length] ?? 'missing') : v))) as Record<string, unknown>;
        // A hung server fails here with a timeout rather than at the test's own limit.
        const result = (await client.callTool({ name, arguments: resolved }, undefined, { timeout: CALL_TIMEOUT_MS })) as Awaited<ReturnType<typeof call>>;
        expect(server.stderr()).not.toContain(PROTOTYPE_POLLUTED);

        if (result.isError) {
          expect(textOf(result).length).toBeGreaterThan(0);
          expect(textOf(result)).not.toMatch(/Internal error/u);
          return;
        }
        expect(result.structuredContent).toBeDefined();
        const out = result.structuredContent;
        if (name === 'add_memory' && out.created) model.set(out.memory.id, out.memory);
        else if (name === 'update_memory') model.set(out.memory.id, out.memory);
        else if (name === 'delete_memory') model.delete(out.id);
        else if (name === 'extract_memories') for (const memory of out.added) model.set(memory.id, memory);
        else if (!modelled.has(name) && !tools.find((tool) => tool.name === name)?.annotations?.readOnlyHint) unmodelledWrites++;
      }),
      // One server carries state from call to call, so shrinking could not replay a failure: report the first.
      { numRuns: 400, endOnFailure: true },
    );

    // Memories may now belong to agents named "__proto__" or "constructor": the read-only
    // surfaces that group by agent must still answer (a result or a protocol error, no crash).
    const uris = [...new Set(sandbox.readStore().memories.map((memory) => `memory://${memory.agent}`)), 'memory://__proto__', 'memory://constructor', 'memory://..%2F..%2Fetc%2Fpasswd', 'agent://__proto__', 'agent://../../etc/passwd'];
    for (const uri of uris) await client.readResource({ uri }).catch((error: unknown) => expect(error).toBeInstanceOf(McpError));
    await client.getPrompt({ name: 'data_engineer', arguments: { task: 'nul\u0000 and ../../etc/passwd' } });
    await client.getPrompt({ name: '__proto__', arguments: {} }).catch((error: unknown) => expect(error).toBeInstanceOf(McpError));

    // Still alive and working.
    const added = await call(client, 'add_memory', { type: 'context', content: 'Written after the fuzzing' });
    expect(added.isError, textOf(added)).toBeFalsy();
    model.set(added.structuredContent.memory.id, added.structuredContent.memory);

    const stored = sandbox.readStore().memories;
    for (const memory of stored) {
      expect(MemorySchema.safeParse(memory).success).toBe(true);
      expect(validContent(memory.content)).toBe(memory.content);
    }
    if (unmodelledWrites === 0) {
      const byId = (memories: Iterable<Memory>) => [...memories].map(({ id, agent, type, content: text }) => ({ id, agent, type, content: text })).sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(stored)).toEqual(byId(model.values()));
    }
    // The store and the record of its last write (src/domain/store/last-write.ts), nothing else.
    const store = sandbox.storePath.slice(sandbox.memoryDir.length + 1);
    expect(readdirSync(sandbox.memoryDir).sort()).toEqual([store, `${store}.last-write`]);

    await server.close();
    expect(server.stderr()).not.toContain(PROTOTYPE_POLLUTED);
    expect(server.stderr()).not.toMatch(/internal error/iu);
  }, 120_000);
});
