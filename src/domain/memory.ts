import { z } from 'zod';

/** The eight memory types, in the order the seed lists them in its protocol block. */
export const MEMORY_TYPES = [
  'pattern',
  'architecture',
  'guideline',
  'mistake',
  'strategy',
  'integration',
  'performance',
  'context',
] as const;

export const MemoryTypeSchema = z
  .enum(MEMORY_TYPES)
  .describe(`Kind of learning: one of ${MEMORY_TYPES.join(', ')}.`);
export type MemoryType = z.infer<typeof MemoryTypeSchema>;

export const CONTENT_MIN = 5;
export const CONTENT_MAX = 100;

export const AGENT_NAME_PATTERN = /^[a-z0-9_-]+$/;
export const AgentNameSchema = z
  .string()
  .regex(AGENT_NAME_PATTERN, 'must be lower-case letters, digits, "_" or "-" (e.g. data_engineer)')
  .max(64)
  .describe('Agent the memory belongs to, e.g. "data_engineer".');

export const DEFAULT_AGENT = 'data_engineer';

/** Trim and fold every run of whitespace (newlines included) into one space: a memory is one line. */
export function normaliseContent(raw: string): string {
  return raw.replace(/\s+/gu, ' ').trim();
}

export const MemorySchema = z.object({
  id: z.string().describe('Short unique id of the memory.'),
  agent: AgentNameSchema,
  type: MemoryTypeSchema,
  content: z.string().describe(`The learning itself, one line of ${CONTENT_MIN}-${CONTENT_MAX} characters.`),
  createdAt: z.string().describe('ISO 8601 time the memory was first stored.'),
  updatedAt: z.string().describe('ISO 8601 time the memory last changed.'),
  author: z
    .string()
    .optional()
    .describe('Who wrote it: the token name of a team server (serve --http) client; absent for memories written locally.'),
  archivedAt: z
    .string()
    .optional()
    .describe('Set when the memory was moved to the archive by the per-agent cap; absent while active.'),
});
export type Memory = z.infer<typeof MemorySchema>;

/** What a caller proposes to store before it gets an id and timestamps. */
export interface MemoryDraft {
  type: MemoryType;
  content: string;
  agent: string;
}
