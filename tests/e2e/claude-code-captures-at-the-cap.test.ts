import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headLine, parseStore } from '../../src/domain/store/store-file.js';
import { ENTRY, tempDir } from '../support/server-process.js';

// Capture hooks past the archive cap each archive one memory and rewrite the store, copying the
// lines a write of ours left unchanged (written-lines.ts linesOfRead). Several at once, in
// processes of their own: nothing stored may be lost, doubled or undone.

const CAP = 40;
const ARCHIVED = 1_500;
let root: string;
let project: string;
let env: Record<string, string>;
beforeEach(() => {
  root = tempDir('dem-hook-cap-');
  project = join(root, 'shop');
  mkdirSync(project);
  env = { PATH: process.env.PATH ?? '', HOME: root, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory'), CLAUDE_PLUGIN_DATA: join(root, 'plugin-data'), DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: String(CAP) };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function capture(reply: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ENTRY, 'capture'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (status) => done({ status, stdout }));
    child.stdin.end(JSON.stringify({ cwd: project, session_id: 's', hook_event_name: 'Stop', last_assistant_message: reply }));
  });
}

const block = (text: string) => `# Add To Memory:\nType: performance\nContent: ${text}\n#`;
const stamp = '2026-01-01T00:00:00.000Z';

describe('capture hooks at the archive cap', () => {
  it('keep every block when six store at once, each rewriting the store: all there once, the cap kept, our layout byte for byte', async () => {
    // The first capture names the store; it is then replaced by one far past the cap, mostly archive.
    expect((await capture(block('Name the store with a first fact'))).status).toBe(0);
    const [file] = readdirSync(join(root, 'memory')).filter((name) => name.endsWith('.json'));
    const storePath = join(root, 'memory', file!);
    const memories = Array.from({ length: ARCHIVED + CAP }, (_, n) => ({
      id: `m${n}`, agent: 'data_engineer', type: 'context', content: `Stored fact number ${n} über ∑`, createdAt: stamp, updatedAt: stamp, ...(n < ARCHIVED ? { archivedAt: stamp } : {}),
    }));
    writeFileSync(storePath, JSON.stringify({ schemaVersion: 1, memories }));
    // One capture makes it a file a write of ours left, which the next ones copy lines from.
    expect((await capture(block('Make the store ours with table_first'))).status).toBe(0);

    const facts = Array.from({ length: 6 }, (_, p) => [`Partition table_${p}_a by day 🚀`, `Cluster table_${p}_b by tenant ß`]);
    const answers = await Promise.all(facts.map(([a, b]) => capture(`Done.\n${block(a!)}\n${block(b!)}`)));
    expect(answers.map((answer) => answer.status)).toEqual([0, 0, 0, 0, 0, 0]);
    // A capture that met a busy lock kept its blocks for the next capture: this one stores them.
    expect((await capture('Done, nothing learned.')).status).toBe(0);

    const text = readFileSync(storePath, 'utf8');
    const parsed = parseStore(text);
    if (!parsed.ok) throw new Error(parsed.problem.detail);
    const stored = parsed.data.memories;
    expect(text).toBe(`${headLine(parsed.data)}\n${stored.map((memory) => JSON.stringify(memory)).join(',\n')}\n]}\n`);
    expect(new Set(stored.map((memory) => memory.id)).size).toBe(stored.length);
    const contents = stored.map((memory) => memory.content);
    for (const fact of [...facts.flat(), 'Make the store ours with table_first']) expect(contents.filter((content) => content === fact), fact).toHaveLength(1);
    expect(stored).toHaveLength(ARCHIVED + CAP + 1 + 12);
    expect(stored.filter((memory) => memory.archivedAt === undefined)).toHaveLength(CAP);
    // Every memory the file held is still there, archived or not, with its content.
    for (const memory of memories) expect(stored.find((other) => other.id === memory.id)?.content).toBe(memory.content);
    // The active ones are the newest: the 12 captured, the one before them and the newest of the rest.
    expect(stored.filter((memory) => memory.archivedAt === undefined).slice(-13).map((memory) => memory.content).sort()).toEqual(['Make the store ours with table_first', ...facts.flat()].sort());
  });
});
