// Bundled and run by scripts/build/plugin.mjs: the domain's own agent loader, so the subagents
// are generated from exactly the agents the server serves.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAgents } from '../../src/domain/agents/load-agents.js';
import { renderSubagent } from '../../src/claude-code/subagent.js';

export function writeSubagents(agentsDir: string, outDir: string): string[] {
  const { agents, problems } = loadAgents([agentsDir]);
  if (problems.length > 0) throw new Error(`agent files that cannot become subagents:\n${problems.map((problem) => problem.message).join('\n')}`);
  mkdirSync(outDir, { recursive: true });
  const notes: string[] = [];
  for (const agent of agents.values()) {
    const subagent = renderSubagent(agent);
    writeFileSync(join(outDir, subagent.fileName), subagent.text);
    if (subagent.dropped.length > 0) notes.push(`${agent.name}: tools with no Claude Code counterpart left out: ${subagent.dropped.join(', ')}`);
  }
  return notes;
}
