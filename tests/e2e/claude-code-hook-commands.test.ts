import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, query } from '../support/postgres.js';
import { ENTRY, tempDir } from '../support/server-process.js';

// The hook commands as Claude Code runs them: the built bin, hook JSON on stdin, hook JSON on
// stdout and exit 0 whatever happened.

let root: string;
let project: string;
beforeEach(() => {
  root = tempDir('dem-hook-bin-');
  project = join(root, 'shop');
  mkdirSync(project);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function run(command: string, stdin: string, env: Record<string, string> = {}, options: string[] = [], entry = ENTRY) {
  const result = spawnSync(process.execPath, [entry, ...options, command], {
    input: stdin,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', HOME: root, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory'), CLAUDE_PLUGIN_DATA: join(root, 'plugin-data'), ...env },
  });
  return { status: result.status, output: JSON.parse(result.stdout) as { systemMessage?: string; hookSpecificOutput?: { additionalContext: string } }, stderr: result.stderr };
}

describe('the hook commands of the bin', () => {
  it('capture then recall: one JSON answer each on stdout, exit 0', () => {
    const reply = '# Add To Memory:\nType: performance\nContent: Partition the events table by event_date\n#';
    const saved = run('capture', JSON.stringify({ cwd: project, session_id: 's', hook_event_name: 'Stop', last_assistant_message: reply }));
    expect(saved).toMatchObject({ status: 0, output: { systemMessage: 'data-engineer memory: Saved 1 memory (performance)' } });
    const recalled = run('recall', JSON.stringify({ cwd: project, session_id: 's', prompt: 'partition the events table' }));
    expect(recalled.status).toBe(0);
    expect(recalled.output.hookSpecificOutput?.additionalContext).toContain('"Partition the events table by event_date"');
  });

  it('answers garbage on stdin and a bad setting with exit 0 and one line', () => {
    expect(run('context', '{{{')).toMatchObject({ status: 0, output: { systemMessage: expect.stringMatching(/not JSON/u) } });
    const badSetting = run('context', JSON.stringify({ cwd: project }), { DATA_ENGINEER_PROMPT_MEMORY_CHARS: 'lots' });
    expect(badSetting).toMatchObject({ status: 0, output: { systemMessage: expect.stringMatching(/DATA_ENGINEER_PROMPT_MEMORY_CHARS/u) } });
  });

  it('does nothing for a hook listed in DATA_ENGINEER_HOOKS_OFF', () => {
    const reply = '# Add To Memory:\nType: performance\nContent: Partition the events table by event_date\n#';
    const off = run('capture', JSON.stringify({ cwd: project, last_assistant_message: reply }), { DATA_ENGINEER_HOOKS_OFF: 'recall, capture' });
    expect(off).toMatchObject({ status: 0, output: {} });
    expect(run('context', JSON.stringify({ cwd: project }))).toMatchObject({ status: 0, output: {} });
  });

  // `cli.js <hook>` alone runs the lean hooks bundle (src/hooks.ts); these two forms go through the full CLI.
  it('stores and recalls in a PostgreSQL store (DATA_ENGINEER_STORE), which the lean hooks bundle hands to the full CLI', async () => {
    const url = await freshDatabase();
    const reply = '# Add To Memory:\nType: mistake\nContent: Never vacuum full the orders table at noon\n#';
    const saved = run('capture', JSON.stringify({ cwd: project, session_id: 's', hook_event_name: 'Stop', last_assistant_message: reply }), { DATA_ENGINEER_STORE: url });
    expect(saved).toMatchObject({ status: 0, output: { systemMessage: 'data-engineer memory: Saved 1 memory (mistake)' } });
    expect(await query(url, 'SELECT content FROM data_engineer.memories')).toEqual([{ content: 'Never vacuum full the orders table at noon' }]);
    const context = run('context', JSON.stringify({ cwd: project, session_id: 's2', hook_event_name: 'SessionStart' }), { DATA_ENGINEER_STORE: url });
    expect(context.output.hookSpecificOutput?.additionalContext).toContain('Never vacuum full the orders table at noon');
  });

  it('takes the shared options before the hook name (--memory-dir)', () => {
    const reply = '# Add To Memory:\nType: performance\nContent: Partition the events table by event_date\n#';
    const elsewhere = join(root, 'elsewhere');
    const saved = run('capture', JSON.stringify({ cwd: project, session_id: 's', hook_event_name: 'Stop', last_assistant_message: reply }), {}, ['--memory-dir', elsewhere]);
    expect(saved).toMatchObject({ status: 0, output: { systemMessage: 'data-engineer memory: Saved 1 memory (performance)' } });
    expect(run('context', JSON.stringify({ cwd: project, session_id: 's' })).output).toEqual({});
    expect(run('context', JSON.stringify({ cwd: project, session_id: 's' }), { DATA_ENGINEER_MEMORY_DIR: elsewhere }).output.hookSpecificOutput?.additionalContext).toContain('event_date');
  });

  it('answers from a copy of the bin without the hooks bundle (the Claude Desktop .mcpb carries only the server)', () => {
    const dist = join(root, 'desktop', 'dist');
    mkdirSync(dist, { recursive: true });
    for (const file of ['cli.js', 'server.cjs', 'package.json']) cpSync(join(dirname(ENTRY), file), join(dist, file));
    const reply = '# Add To Memory:\nType: performance\nContent: Partition the events table by event_date\n#';
    const input = JSON.stringify({ cwd: project, session_id: 's', hook_event_name: 'Stop', last_assistant_message: reply });
    expect(run('capture', input, {}, [], join(dist, 'cli.js'))).toMatchObject({ status: 0, output: { systemMessage: 'data-engineer memory: Saved 1 memory (performance)' } });
  });
});
