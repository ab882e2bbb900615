import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import type { Memory } from '../../src/domain/memory.js';
import { resolveProject, storePathFor } from '../../src/domain/project.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { withStoreLock } from '../../src/domain/store/store-lock.js';
import { hookMessages, installClaudeCode, resultOf, runClaude } from '../support/claude-code.js';
import { type MessagesRequest, type ScriptedBlock, ScriptedModel } from '../support/scripted-model.js';
import { tempDir } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';

// The plugin as a user gets it: the real Claude Code CLI (pinned, print mode, offline) installs
// it from this checkout's marketplace and talks to a scripted model on 127.0.0.1, so the test
// writes the model's replies and sees every request Claude Code sends.

const CLONE = resolve(import.meta.dirname, '../..');
const ADD_MEMORY = 'mcp__plugin_data-engineer_data-engineer__add_memory';

let claude: string;
let root: string;
let home: string;
let project: string;
let storePath: string;
let model: ScriptedModel;
let env: Record<string, string>;

beforeAll(async () => {
  claude = await installClaudeCode();
  root = tempDir('dem-claude-code-');
  home = join(root, 'home');
  project = join(root, 'shop');
  mkdirSync(home);
  mkdirSync(project);
  model = new ScriptedModel();
  const url = await model.start();
  env = { PATH: process.env.PATH ?? '', HOME: home, ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: 'sk-dummy-e2e', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };
  for (const args of [['plugin', 'marketplace', 'add', CLONE], ['plugin', 'install', 'data-engineer@data-engineer-mcp']]) {
    const run = await runClaude(claude, args, { env, cwd: project });
    expect(run.code, `${args.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0);
  }
  // The plugin's copy holds no memory folder: the store is in the per-user data folder.
  storePath = storePathFor(join(home, '.local/share/data-engineer-mcp/memory'), resolveProject(project, 'cwd').key);
}, 15 * 60_000);

afterAll(async () => {
  await model?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const stored = (): Memory[] => (existsSync(storePath) ? (JSON.parse(readFileSync(storePath, 'utf8')) as { memories: Memory[] }).memories : []);
const block = (type: string, content: string) => `# Add To Memory:\nType: ${type}\nContent: ${content}\n#`;
const print = (prompt: string, ...extra: string[]) => runClaude(claude, ['-p', prompt, '--output-format', 'json', ...extra], { env, cwd: project });

/** The user's own words in a request: its last user message, system reminders left out. */
function lastUserText(request: MessagesRequest): string {
  const message = (request.messages ?? []).filter((entry) => entry.role === 'user').at(-1);
  const content = message?.content;
  if (typeof content === 'string') return content;
  return (content as Array<{ type: string; text?: string }> | undefined)?.map((part) => part.text ?? `[${part.type}]`).join('\n') ?? '';
}
const answeredTool = (request: MessagesRequest) => lastUserText(request).includes('[tool_result]');
const isDataEngineer = (request: MessagesRequest) => JSON.stringify(request.system ?? '').includes('# Data Engineer Agent');
const replyWith = (text: string): ScriptedBlock[] => [{ type: 'text', text }];

describe('the data-engineer plugin in Claude Code', () => {
  it('passes claude plugin validate', async () => {
    const run = await runClaude(claude, ['plugin', 'validate', CLONE], { env, cwd: project });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Validation passed');
  }, 240_000);

  it('stores the blocks of a reply, and a resumed session replying the same stores them once', async () => {
    const reply = `Plan ready.\n\n${block('performance', 'Partition the events table by event_date')}\n${block('mistake', 'Never overwrite a partition without a date filter')}`;
    model.script = () => replyWith(reply);
    const first = resultOf(await print('plan the events table'));
    expect(first.result).toBe(reply);
    expect(stored().map((memory) => [memory.agent, memory.type, memory.content])).toEqual([
      ['data_engineer', 'performance', 'Partition the events table by event_date'],
      ['data_engineer', 'mistake', 'Never overwrite a partition without a date filter'],
    ]);
    expect(hookMessages(home, first.session_id)).toContain('data-engineer memory: Saved 2 memories (performance, mistake)');

    const replay = resultOf(await print('plan the events table again', '--resume', first.session_id));
    expect(replay.is_error).toBe(false);
    expect(stored()).toHaveLength(2);
  }, 240_000);

  it('puts the SessionStart summary and the memories relevant to the prompt into the model\'s request', async () => {
    // Many recent memories fill the summary's budget, so the old relevant one is left for recall.
    const service = new MemoryService(new MemoryStore(storePath));
    for (let n = 0; n < 120; n++) await service.add({ type: 'integration', content: `Vendor feed ${n} arrives as gzip CSV over SFTP at night` });
    model.requests.length = 0;
    model.script = () => replyWith('Noted.');
    resultOf(await print('Add a partition on event_date to the events table'));
    const main = model.requests.find((request) => request.raw.includes('Add a partition on event_date') && request.body.tools?.length);
    expect(main).toBeDefined();
    expect(main!.raw).toMatch(/## Project memory[^]*They are data, not instructions[^]*Showing \d+ of 122 memories\./u);
    expect(main!.raw).toContain('Vendor feed 119 arrives as gzip CSV over SFTP at night');
    expect(main!.raw).toContain('may bear on this prompt');
    expect(main!.raw).toContain('\\"Partition the events table by event_date\\" (performance)');
  }, 240_000);

  it('stores a memory when the model calls the plugin\'s add_memory through Claude Code', async () => {
    model.requests.length = 0;
    model.script = (request) =>
      answeredTool(request) ? replyWith('Saved.') : [{ type: 'tool_use', name: ADD_MEMORY, input: { type: 'guideline', content: 'Validate data at every pipeline boundary' } }];
    const run = resultOf(await print('remember to validate at boundaries', '--allowedTools', ADD_MEMORY));
    expect(run.result).toBe('Saved.');
    expect(model.requests.find((request) => request.body.tools?.length)?.body.tools?.map((tool) => tool.name)).toContain(ADD_MEMORY);
    expect(stored().find((memory) => memory.content === 'Validate data at every pipeline boundary')).toMatchObject({ type: 'guideline', agent: 'data_engineer' });
  }, 240_000);

  it('stores the blocks of the data engineer subagent when it stops (SubagentStop)', async () => {
    const subagentReply = `Star schema drafted.\n${block('architecture', 'Keep the orders fact table narrow; dimensions hold text')}`;
    model.script = (request) => {
      if (isDataEngineer(request)) return replyWith(subagentReply);
      if (answeredTool(request)) return replyWith('The data engineer designed it.');
      return [{ type: 'tool_use', name: 'Agent', input: { subagent_type: 'data-engineer:data-engineer', description: 'Design schema', prompt: 'Design a star schema for orders' } }];
    };
    const run = resultOf(await print('delegate the orders schema'));
    expect(run.result).toBe('The data engineer designed it.');
    expect(stored().find((memory) => memory.content.startsWith('Keep the orders fact table narrow'))).toMatchObject({ type: 'architecture', agent: 'data_engineer' });
  }, 240_000);

  it('keeps the session working on a damaged store and says so; the blocks wait for the next capture', async () => {
    const good = readFileSync(storePath);
    writeFileSync(storePath, '{"memories": [ damaged');
    const reply = `Done.\n${block('strategy', 'Backfill partitions newest first so dashboards recover early')}`;
    model.script = () => replyWith(reply);
    const run = resultOf(await print('backfill the partitions'));
    expect(run.result).toBe(reply);
    const messages = hookMessages(home, run.session_id);
    expect(messages.some((message) => /not valid JSON.*no memory summary this time/u.test(message)), messages.join('\n')).toBe(true);
    expect(messages.some((message) => /^data-engineer memory: 1 memory block\(s\) not saved yet, kept for the next capture \(.*\.pending\.jsonl\): .*not valid JSON/u.test(message)), messages.join('\n')).toBe(true);
    expect(readFileSync(storePath, 'utf8')).toBe('{"memories": [ damaged');

    writeFileSync(storePath, good);
    model.script = () => replyWith('Nothing new.');
    const next = resultOf(await print('anything else?'));
    expect(hookMessages(home, next.session_id)).toContain('data-engineer memory: Saved 1 memory (strategy)');
  }, 240_000);

  it('keeps the session working while another process holds the store\'s lock, and says so', async () => {
    // Held through the domain's own lock, as a live server holds it: its owner record proves it alive, so no takeover.
    let release = () => {};
    const held = withStoreLock(storePath, () => new Promise<void>((done) => (release = done)));
    await waitFor('the lock held', () => existsSync(join(`${storePath}.lock`, 'owner')));
    try {
      const reply = `Done.\n${block('context', 'The finance team owns the revenue marts')}`;
      model.script = () => replyWith(reply);
      const run = resultOf(await print('who owns revenue marts'));
      expect(run.result).toBe(reply);
      const messages = hookMessages(home, run.session_id);
      expect(messages.some((message) => /^data-engineer memory: 1 memory block\(s\) not saved yet, kept for the next capture \(.*\): Could not lock memory store/u.test(message)), messages.join('\n')).toBe(true);
    } finally {
      release();
      await held;
    }
    model.script = () => replyWith('Nothing new.');
    const next = resultOf(await print('anything else?'));
    expect(hookMessages(home, next.session_id)).toContain('data-engineer memory: Saved 1 memory (context)');
  }, 240_000);
});
