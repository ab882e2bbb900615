// dist/hooks-fast.cjs: the Claude Code hooks' fast path, run by dist/cli.js before the hooks
// bundle. Claude Code starts a process per event, and loading dist/hooks.cjs (zod, the store,
// secret rules: ~430 KB) cost ~70 ms before a hook did anything (issue #17 point 2: ≤ 120 ms
// from spawn to exit at 10,000 memories, node start included; README "Performance"). This
// bundle (~35 KB, no zod) answers what the files kept beside a store answer exactly: a session
// start on a store whose bytes are those its summary was kept for, a prompt's recall from the
// search index kept for them (and a prompt without words to search for, which needs neither),
// and a reply without memory blocks when no reply waits in the spool (nothing to store). Anything else (another hook,
// nothing kept, any doubt about the input or settings) goes to the hooks bundle with the input
// already read, which answers as it always did and keeps what this path reads next time.
import { contextOutput, keptSummary } from './claude-code/context-hook.js';
import type { HookInput, HookOutput } from './claude-code/hook-input.js';
import { isHookInput } from './claude-code/hook-input.js';
import type { HookName } from './claude-code/hook-names.js';
import { keptIndex } from './claude-code/kept-index.js';
import { PendingReplies } from './claude-code/pending-replies.js';
import { recallWith } from './claude-code/recall-hook.js';
import { SessionMemory, sessionDirOf } from './claude-code/session-memory.js';
import { lastAssistantText } from './claude-code/transcript.js';
import { answerAndExit, readStdin, turnedOff } from './cli/hook-io.js';
import { type Config, readConfig } from './config.js';
import { EXTRACT_MAX_CHARS, findMemoryBlocks } from './domain/extract-blocks.js';
import { type Project, resolveProject, storePathFor } from './domain/project.js';
import { jsonStorePath } from './domain/store/json-store-path.js';

/** The hooks bundle's digest, defined by scripts/build.mjs: it names what that bundle kept. */
declare const HOOKS_BUILD: string | undefined;

/**
 * Answers the hook `name` and exits when it can; otherwise resolves to the hook input read from
 * stdin (undefined: not read), for the hooks bundle.
 */
export async function fastHook(name: HookName): Promise<string | undefined> {
  if (turnedOff(name, process.env.DATA_ENGINEER_HOOKS_OFF)) return answer({});
  if (typeof HOOKS_BUILD !== 'string') return undefined;
  let config: Config;
  try {
    config = readConfig({}, process.env, process.cwd());
  } catch {
    return undefined; // the hooks bundle says what is wrong with the setting
  }
  // A PostgreSQL store is the full CLI's, which reads stdin itself.
  if (config.postgres) return undefined;
  const stdin = await readStdin();
  const output = await fastAnswer(name, stdin, { config, build: HOOKS_BUILD, env: process.env });
  return output === undefined ? stdin : answer(output);
}

export interface FastSettings {
  config: Config;
  /** The hooks bundle's digest. */
  build: string;
  env: NodeJS.ProcessEnv;
}

/** The answer of the hook from what was kept beside the store; undefined where the hooks bundle must answer. */
export async function fastAnswer(name: HookName, stdin: string, settings: FastSettings): Promise<HookOutput | undefined> {
  try {
    if (name === 'context') return await context(stdin, settings);
    if (name === 'recall') return await recall(stdin, settings);
    return await capture(stdin, settings);
  } catch {
    return undefined; // the hooks bundle meets the same failure and words it
  }
}

async function context(stdin: string, { config, build, env }: FastSettings): Promise<HookOutput | undefined> {
  const found = inputAndStore(stdin, config);
  if (!found) return undefined;
  const { summary } = keptSummary(found.storePath, build, found.project.name, config.promptMemoryChars);
  if (summary === undefined) return undefined;
  if (found.input.session_id && summary !== null) await new SessionMemory(sessionDirOf(env, config.memoryDir)).remember(found.input.session_id, summary.shown, { reset: true });
  return contextOutput(summary);
}

async function recall(stdin: string, { config, build, env }: FastSettings): Promise<HookOutput | undefined> {
  const found = inputAndStore(stdin, config);
  if (!found) return undefined;
  return recallWith(found.input, async () => keptIndex(found.storePath, build).index, new SessionMemory(sessionDirOf(env, config.memoryDir)));
}

/** A Stop whose reply holds no memory block, with no reply kept for a later capture: nothing to store, so {}. */
async function capture(stdin: string, { config }: FastSettings): Promise<HookOutput | undefined> {
  // The reply first: most replies that reach here hold blocks, and the hooks bundle redoes the rest.
  const input = hookInput(stdin);
  // A subagent's reply needs the agent files (and their YAML parser) to tell whether it is ours.
  if (!input || input.hook_event_name === 'SubagentStop' || input.agent_type !== undefined) return undefined;
  const text = input.last_assistant_message ?? (input.transcript_path ? await lastAssistantText(input.transcript_path) : undefined);
  if (text && findMemoryBlocks(text.slice(-EXTRACT_MAX_CHARS)).length > 0) return undefined;
  const found = inputAndStore(stdin, config);
  if (!found) return undefined;
  if (await new PendingReplies(storePathFor(config.memoryDir, found.project.key)).holdsAny()) return undefined;
  return {};
}

function hookInput(stdin: string): HookInput | undefined {
  const input: unknown = JSON.parse(stdin);
  return isHookInput(input) ? input : undefined;
}

/** The input, its project and that project's JSON store, found as the hooks bundle finds them (it throws where that one would refuse). */
function inputAndStore(stdin: string, config: Config): { input: HookInput; project: Project; storePath: string } | undefined {
  const input = hookInput(stdin);
  if (!input) return undefined;
  const project = config.explicitProject ?? resolveProject(input.cwd, 'cwd', 'hook input field "cwd"');
  return { input, project, storePath: jsonStorePath(config.memoryDir, project) };
}

function answer(output: HookOutput): Promise<never> {
  return answerAndExit(JSON.stringify(output));
}
