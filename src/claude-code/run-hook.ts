import { isMemoryError } from '../domain/errors.js';
import { MemoryService } from '../domain/memory-service.js';
import { cachedAnalyses } from '../domain/recall/cached-analyses.js';
import { type Project, resolveProject, storePathFor } from '../domain/project.js';
import type { StoreEngine } from '../domain/store/store-port.js';
import { capture } from './capture-hook.js';
import { context } from './context-hook.js';
import { settleWithin } from './deadline.js';
import type { HookName } from './hook-names.js';
import { type HookInput, HookInputError, type HookOutput, parseHookInput } from './hook-input.js';
import { oneLine } from './hook-message.js';
import { PendingReplies } from './pending-replies.js';
import { keepIndexAfterRewrite, storeWriteId } from './index-after-capture.js';
import { recall } from './recall-hook.js';
import { SessionMemory } from './session-memory.js';

export { HOOKS, type HookName } from './hook-names.js';

export interface HookSettings {
  /** The store of each project: the JSON files of the memory folder, or the PostgreSQL database. */
  engine: StoreEngine;
  /** Blocks a busy or damaged store could not take wait here, beside the JSON stores. */
  memoryDir: string;
  agentDirs: readonly string[];
  /** --project / DATA_ENGINEER_PROJECT: wins over the input's cwd, as it wins over roots for the server. */
  explicitProject?: Project;
  /** Where per-session state lives (Claude Code's CLAUDE_PLUGIN_DATA for the plugin). */
  sessionDir: string;
  promptMemoryChars: number;
  maxMemoriesPerAgent: number;
  /** The whole hook, inside Claude Code's hook timeout (10 s in plugin/hooks/hooks.json). */
  deadlineMs?: number;
  /**
   * Set to the build's digest to keep what a hook derived from a JSON store beside it for the
   * next hook (the facts of its contents, src/domain/recall/facts-cache.ts; the session start
   * summary, store-keyed-cache.ts); absent, every hook derives afresh.
   */
  analysisCacheCode?: string;
  /** Stack traces of bugs, for stderr (Claude Code shows a hook's stderr in verbose mode). */
  logBug?: (error: unknown) => void;
}

const DEADLINE_MS = 6_000;
/** Lock tries of a JSON store before a hook gives up on it (~2.5 s): capture then keeps the blocks for the next capture. */
export const HOOK_LOCK_TRIES = 50;
const WHAT: Record<HookName, string> = { capture: 'nothing saved', context: 'no memory summary this time', recall: 'no memories recalled this time' };

/**
 * Runs one Claude Code hook on its stdin text. Never throws and always answers inside the
 * deadline: a hook that failed must not break the user's session, so every failure becomes a
 * one-line systemMessage saying what happened (exit 0 in the command).
 */
export async function runHook(name: HookName, stdin: string, settings: HookSettings): Promise<HookOutput> {
  const deadline = settings.deadlineMs ?? DEADLINE_MS;
  const outcome = await settleWithin(dispatch(name, stdin, settings), deadline);
  if (outcome.state === 'done') return outcome.value;
  if (outcome.state === 'late') return notice(`the memory store did not answer within ${deadline / 1000} s (locked by another process?); ${WHAT[name]}`);
  const { error } = outcome;
  if (error instanceof HookInputError) return notice(`${error.message}; ${WHAT[name]}`);
  if (isMemoryError(error)) return notice(`${error.message} (${WHAT[name]})`);
  settings.logBug?.(error);
  return notice(`internal error in the ${name} hook (${WHAT[name]}); run with --log-level debug and report it`);
}

const notice = (text: string): HookOutput => ({ systemMessage: oneLine(`data-engineer memory: ${text}`) });

async function dispatch(name: HookName, stdin: string, settings: HookSettings): Promise<HookOutput> {
  const input = parseHookInput(stdin);
  const project = settings.explicitProject ?? resolveProject(input.cwd, 'cwd', 'hook input field "cwd"');
  const store = settings.engine.open(project);
  // What a hook derives from a JSON store is kept beside it, tied to this build (see HookSettings).
  const cache = settings.analysisCacheCode !== undefined && settings.engine.kind === 'json' ? { storePath: store.location, code: settings.analysisCacheCode } : undefined;
  const caches = cache && cachedAnalyses(cache.storePath, cache.code);
  const service = new MemoryService(store, { maxActivePerAgent: settings.maxMemoriesPerAgent, analyses: caches?.analyses });
  const sessions = new SessionMemory(settings.sessionDir);
  const output = await answer(name, input, { project, service, sessions, settings, cache });
  await caches?.save();
  return output;
}

interface HookParts {
  project: Project;
  service: MemoryService;
  sessions: SessionMemory;
  settings: HookSettings;
  cache: { storePath: string; code: string } | undefined;
}

async function answer(name: HookName, input: HookInput, { project, service, sessions, settings, cache }: HookParts): Promise<HookOutput> {
  switch (name) {
    case 'capture': {
      const writeId = cache && (await storeWriteId(cache.storePath));
      const output = await capture(input, {
        service,
        pending: new PendingReplies(storePathFor(settings.memoryDir, project.key)),
        ourAgents: await ourAgents(input, settings.agentDirs),
      });
      if (cache) await keepIndexAfterRewrite(writeId, { service, cache });
      return output;
    }
    case 'context':
      return context(input, { service, project, sessions, budget: settings.promptMemoryChars, ...(cache ? { cache } : {}) });
    case 'recall':
      return recall(input, { service, sessions, ...(cache ? { cache } : {}) });
  }
}

/**
 * Only a SubagentStop needs the agent names; parsing agent files for every Stop would cost time
 * for nothing, and so would loading the YAML parser they need (the hooks start a process per event).
 */
async function ourAgents(input: HookInput, agentDirs: readonly string[]): Promise<string[]> {
  if (input.agent_type === undefined) return [];
  const { loadAgents } = await import('../domain/agents/load-agents.js');
  return [...loadAgents(agentDirs).agents.keys()];
}

export { defaultSessionDir } from './session-memory.js';
