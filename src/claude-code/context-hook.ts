import { DEFAULT_AGENT } from '../domain/memory.js';
import type { MemoryService } from '../domain/memory-service.js';
import { pickPromptMemories } from '../domain/pick-prompt-memories.js';
import type { Project } from '../domain/project.js';
import { renderPromptMemoryShown } from '../domain/prompt-memory.js';
import type { HookInput, HookOutput } from './hook-input.js';
import { pluginToolName } from './plugin-names.js';
import type { SessionMemory } from './session-memory.js';

export interface ContextDeps {
  service: MemoryService;
  project: Project;
  sessions: SessionMemory;
  /** The same character budget as the prompt's memory section. */
  budget: number;
}

/**
 * SessionStart (startup, resume, clear, compact): the project's memory of the Data Engineer,
 * rendered exactly as the prompt renders it (quoted, marked as data), as additional context.
 * Nothing when the store holds none. The memories shown are remembered for the session so a
 * recall does not give them again; after clear or compact the conversation lost them, so the
 * list starts over.
 */
export async function context(input: HookInput, deps: ContextDeps): Promise<HookOutput> {
  const { data, indexes } = await deps.service.snapshot();
  const { ordered, total } = pickPromptMemories(data, indexes, DEFAULT_AGENT, undefined);
  if (total === 0) return {};
  const { text, shown } = renderPromptMemoryShown({ projectName: deps.project.name, memories: ordered, total, budget: deps.budget });
  if (input.session_id) await deps.sessions.remember(input.session_id, shown.map((memory) => memory.id), { reset: true });
  const more = shown.length < total ? ` Search the rest with \`${pluginToolName('read_memories')}\` (key terms plus synonyms).` : '';
  return {
    hookSpecificOutput: {
      hookEventName: 'SessionStart',
      additionalContext: `${text}\n\n(From the data-engineer plugin's memory store.${more})`,
    },
  };
}
