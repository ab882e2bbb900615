import { z } from 'zod';
import { AGENT_NAME_PATTERN } from '../memory.js';

/** Front matter of a claude-mpm agent file. Unknown keys (author, created, …) are kept. */
export const AgentFrontMatterSchema = z.looseObject({
  name: z.string().regex(AGENT_NAME_PATTERN, 'must match ^[a-z0-9_-]+$ (lower-case letters, digits, "_" or "-")'),
  description: z.string().optional(),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  tags: z.array(z.string()).optional(),
  tools: z.array(z.string()).optional(),
  model: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type AgentFrontMatter = z.infer<typeof AgentFrontMatterSchema>;

export interface Agent {
  name: string;
  title: string;
  description?: string;
  frontMatter: AgentFrontMatter;
  body: string;
  /** The whole file as read, for the agent:// resource. */
  source: string;
  file: string;
}

export interface AgentLoadProblem {
  file: string;
  message: string;
}
