import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMemoryError } from '../errors.js';
import type { Agent, AgentLoadProblem } from './agent-schema.js';
import { parseAgent } from './parse-agent.js';

export interface LoadedAgents {
  agents: Map<string, Agent>;
  problems: AgentLoadProblem[];
}

/**
 * Every *.md in each folder, in order: a bad file is reported and skipped so one typo never
 * takes the other agents down. A later folder's agent with the same name replaces an earlier
 * one, so a user's DATA_ENGINEER_AGENTS_DIR can override the bundled data_engineer.
 */
export function loadAgents(dirs: readonly string[]): LoadedAgents {
  const agents = new Map<string, Agent>();
  const problems: AgentLoadProblem[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.md')).sort();
    } catch (error) {
      problems.push({ file: dir, message: `${dir}: agents folder unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'}); skipped.` });
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      try {
        const agent = parseAgent(file, readFileSync(file, 'utf8'));
        agents.set(agent.name, agent);
      } catch (error) {
        problems.push({ file, message: isMemoryError(error) ? error.message : `${file}: ${(error as Error).message}` });
      }
    }
  }
  return { agents, problems };
}
