import { DEFAULT_AGENT } from '../domain/memory.js';
import type { MemoryService } from '../domain/memory-service.js';
import { pickPromptMemories } from '../domain/pick-prompt-memories.js';
import type { Project } from '../domain/project.js';
import { renderPromptMemoryShown } from '../domain/prompt-memory.js';
import type { HookInput, HookOutput } from './hook-input.js';
import { pluginToolName } from './plugin-names.js';
import type { SessionMemory } from './session-memory.js';
import { StoreKeyedCache, readStoreBytes } from './store-keyed-cache.js';

export interface ContextDeps {
  service: MemoryService;
  project: Project;
  sessions: SessionMemory;
  /** The same character budget as the prompt's memory section. */
  budget: number;
  /** Keep the answer beside the JSON store at this path for the next session start, tied to this build's digest. */
  cache?: { storePath: string; code: string };
}

/** The summary and the ids it shows; null for a store without memories. */
export type Summary = { text: string; shown: string[] } | null;

/**
 * SessionStart (startup, resume, clear, compact): the project's memory of the Data Engineer,
 * rendered exactly as the prompt renders it (quoted, marked as data), as additional context.
 * Nothing when the store holds none. The memories shown are remembered for the session so a
 * recall does not give them again; after clear or compact the conversation lost them, so the
 * list starts over.
 */
export async function context(input: HookInput, deps: ContextDeps): Promise<HookOutput> {
  const summary = await cachedSummary(deps);
  if (input.session_id && summary !== null) await deps.sessions.remember(input.session_id, summary.shown, { reset: true });
  return contextOutput(summary);
}

export function contextOutput(summary: Summary): HookOutput {
  return summary === null ? {} : { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: summary.text } };
}

/**
 * The summary is a function of the store's bytes, the project's name and the budget alone, so a
 * session start on an unchanged store reads it from <store>.context.cache instead of parsing
 * the store (README "Performance"). It is kept only when the store's bytes after the full read
 * are those before it (a read that repaired the file, or a write meanwhile, keeps nothing).
 */
async function cachedSummary(deps: ContextDeps): Promise<Summary> {
  if (!deps.cache) return summaryOf(deps);
  const kept = keptSummary(deps.cache.storePath, deps.cache.code, deps.project.name, deps.budget);
  if (kept.summary !== undefined) return kept.summary;
  const summary = await summaryOf(deps);
  kept.keep(summary);
  return summary;
}

/** The summary kept for the store's current bytes (undefined: none), and how to keep one computed for them. */
export function keptSummary(storePath: string, code: string, projectName: string, budget: number): { summary: Summary | undefined; keep: (summary: Summary) => void } {
  const cache = new StoreKeyedCache<Summary>(storePath, 'context', code);
  const keyOf = (digest: string): string => JSON.stringify([digest, projectName, budget]);
  const before = readStoreBytes(storePath)?.digest;
  const cached = before === undefined ? undefined : cache.read(keyOf(before));
  return {
    summary: cached !== undefined && isSummary(cached) ? cached : undefined,
    keep: (summary) => {
      if (before !== undefined && readStoreBytes(storePath)?.digest === before) cache.write(keyOf(before), summary);
    },
  };
}

async function summaryOf(deps: ContextDeps): Promise<Summary> {
  const { data, indexes } = await deps.service.snapshot();
  const { ordered, total } = pickPromptMemories(data, indexes, DEFAULT_AGENT, undefined);
  if (total === 0) return null;
  const { text, shown } = renderPromptMemoryShown({ projectName: deps.project.name, memories: ordered, total, budget: deps.budget });
  const more = shown.length < total ? ` Search the rest with \`${pluginToolName('read_memories')}\` (key terms plus synonyms).` : '';
  return { text: `${text}\n\n(From the data-engineer plugin's memory store.${more})`, shown: shown.map((memory) => memory.id) };
}

/** A cache file is the hooks' own, but a damaged one must not make the hook answer garbage. */
function isSummary(value: unknown): value is Summary {
  if (value === null) return true;
  const { text, shown } = (value ?? {}) as { text?: unknown; shown?: unknown };
  return typeof text === 'string' && Array.isArray(shown) && shown.every((id) => typeof id === 'string');
}
