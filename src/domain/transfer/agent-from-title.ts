import { AgentNameSchema } from '../memory.js';

/**
 * "Data Engineer" → data_engineer, the inverse of agentTitle for names without hyphens.
 * Returns undefined when the result is not a valid agent name, so a free-form heading
 * never invents an agent.
 */
export function agentFromTitle(title: string): string | undefined {
  const name = title.trim().toLowerCase().replace(/\s+/gu, '_');
  return AgentNameSchema.safeParse(name).success ? name : undefined;
}
