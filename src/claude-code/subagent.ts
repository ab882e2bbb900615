import type { Agent } from '../domain/agents/agent-schema.js';
import { pluginToolName, subagentName } from './plugin-names.js';

/**
 * claude-mpm tool names that Claude Code spells differently: LS and MultiEdit were folded into
 * Glob and Edit. A name that is no Claude Code tool at all is left out and named at build time;
 * Claude Code itself skips names it does not offer (2.1.197 has no Grep or Glob tool of its own).
 */
const TOOL_RENAMES: Readonly<Record<string, string>> = { LS: 'Glob', MultiEdit: 'Edit' };
const CLAUDE_CODE_TOOLS = new Set(['Read', 'Write', 'Edit', 'Bash', 'Grep', 'Glob', 'WebSearch', 'WebFetch', 'TodoWrite', 'NotebookEdit']);
/** The memory tools the subagent may call itself; the hooks save its blocks without them. */
const MEMORY_TOOLS = ['read_memories', 'add_memory', 'update_memory'];

export interface RenderedSubagent {
  fileName: string;
  text: string;
  /** claude-mpm tools with no Claude Code counterpart, for the build to mention. */
  dropped: string[];
}

/**
 * A claude-mpm agent as a Claude Code subagent file. `model` is left out on purpose: the seed's
 * claude-3-opus-20240229 is retired, and without the key the subagent uses the user's model.
 */
export function renderSubagent(agent: Agent): RenderedSubagent {
  const tools = new Set<string>();
  const dropped: string[] = [];
  for (const tool of agent.frontMatter.tools ?? []) {
    const mapped = TOOL_RENAMES[tool] ?? tool;
    if (CLAUDE_CODE_TOOLS.has(mapped)) tools.add(mapped);
    else dropped.push(tool);
  }
  for (const tool of MEMORY_TOOLS) tools.add(pluginToolName(tool));
  const description =
    `${(agent.description ?? agent.title).replace(/\s+/gu, ' ').trim().replace(/\.$/u, '')}. ` +
    `Delegate data work to it (${(agent.frontMatter.tags ?? ['data']).join(', ')}): it remembers this project's earlier learnings.`;
  const frontMatter = [
    '---',
    `name: ${subagentName(agent.name)}`,
    `description: ${JSON.stringify(description)}`,
    `tools: ${[...tools].join(', ')}`,
    '---',
  ];
  return { fileName: `${subagentName(agent.name)}.md`, text: `${frontMatter.join('\n')}\n\n${agent.body}\n\n${howMemoryWorks(agent.name)}\n`, dropped };
}

function howMemoryWorks(agentName: string): string {
  return [
    '## How memory works here',
    '',
    'The data-engineer plugin saves every "# Add To Memory:" block of your final reply to this project\'s memory when you finish, ' +
      'so keep writing them as the protocol above says.',
    `To look up earlier learnings, call \`${pluginToolName('read_memories')}\` with a \`query\` of key terms plus their synonyms ` +
      `(agent "${agentName}"); to save one at once, call \`${pluginToolName('add_memory')}\` with agent "${agentName}".`,
  ].join('\n');
}
