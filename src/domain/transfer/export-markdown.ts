import { DEFAULT_AGENT, MEMORY_TYPES, normaliseContent, type Memory } from '../memory.js';
import { agentTitle, typeTitle } from '../titles.js';
import { agentFromTitle } from './agent-from-title.js';

export { agentTitle, typeTitle };

export const EMPTY_NOTE = '_No memories yet._';

/** claude-mpm headings read "# Data Engineer Agent Memory" or "# Agent Memory"; ours must not. */
export const CLAUDE_MPM_TITLE = /(?:^|\s)Agent$/u;

/**
 * The heading must give the agent back on import. Titles lose hyphens and repeated
 * underscores ("general-purpose" → "General Purpose"), and "qa_agent" would title as
 * claude-mpm's "Qa Agent", so those agents keep their raw, lower-case name.
 */
export function agentHeading(agent: string): string {
  const title = agentTitle(agent);
  const readsBack = agentFromTitle(title) === agent && !CLAUDE_MPM_TITLE.test(title);
  return `# ${readsBack ? title : agent} Memory`;
}

function renderAgent(agent: string, memories: Memory[]): string {
  const sections = MEMORY_TYPES.flatMap((type) => {
    const bullets = memories
      .filter((memory) => memory.type === type)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      // normaliseContent guards the one-line invariant the bullet format depends on.
      .map((memory) => `- ${normaliseContent(memory.content)}`);
    return bullets.length === 0 ? [] : [`## ${typeTitle(type)}\n\n${bullets.join('\n')}\n`];
  });
  return [`${agentHeading(agent)}\n`, ...sections].join('\n');
}

/**
 * Human-readable view that parseImport reads back losslessly (agent, type, content):
 * each content sits after exactly "- ", so content starting with "#" or "-" stays content.
 * `opts.agent` names the heading only when there is nothing to list.
 */
export function exportMarkdown(memories: Memory[], opts: { agent?: string } = {}): string {
  if (memories.length === 0) return `${agentHeading(opts.agent ?? DEFAULT_AGENT)}\n\n${EMPTY_NOTE}\n`;
  const agents = [...new Set(memories.map((memory) => memory.agent))].sort();
  return agents
    .map((agent) => renderAgent(agent, memories.filter((memory) => memory.agent === agent)))
    .join('\n');
}
