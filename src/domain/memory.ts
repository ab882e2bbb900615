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

// The schemas are built in calls marked pure, so that a bundle using only this file's constants
// and functions (the Claude Code hooks' fast path, src/hooks-fast.ts) leaves zod out: its
// ~200 KB cost each hook process ~20 ms to load. esbuild drops an unused pure call only when its
// arguments are free of effects, which a template literal is not: hence the arrow functions.
export const MemoryTypeSchema = /* @__PURE__ */ (() => z
  .enum(MEMORY_TYPES)
  .describe(`Kind of learning: one of ${MEMORY_TYPES.join(', ')}.`))();
export type MemoryType = z.infer<typeof MemoryTypeSchema>;

export const CONTENT_MIN = 5;
export const CONTENT_MAX = 100;

export const AGENT_NAME_PATTERN = /^[a-z0-9_-]+$/;
export const AGENT_NAME_MAX = 64;
export const AgentNameSchema = /* @__PURE__ */ (() => z
  .string()
  .regex(AGENT_NAME_PATTERN, 'must be lower-case letters, digits, "_" or "-" (e.g. data_engineer)')
  .max(AGENT_NAME_MAX)
  .describe('Agent the memory belongs to, e.g. "data_engineer".'))();

export const DEFAULT_AGENT = 'data_engineer';

/** Trim and fold every run of whitespace (newlines included) into one space: a memory is one line. */
export function normaliseContent(raw: string): string {
  // Stored content is already normal: the test (no allocation) spares the replace for nearly
  // every memory when the indexes key a whole store (npm run bench "first add over the cap").
  return NOT_NORMAL.test(raw) ? raw.replace(/\s+/gu, ' ').trim() : raw;
}

/** Whitespace other than a single space between words (no u flag: \s is the same set, and the test runs ~3× faster). */
const NOT_NORMAL = /\s{2}|[^\S ]|^\s|\s$/;

export const MemorySchema = /* @__PURE__ */ (() => z.object({
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
}))();
export type Memory = z.infer<typeof MemorySchema>;

/** What a caller proposes to store before it gets an id and timestamps. */
export interface MemoryDraft {
  type: MemoryType;
  content: string;
  agent: string;
}

const TYPE_SET: ReadonlySet<string> = new Set(MEMORY_TYPES);

/**
 * The test of `MemorySchema.loose()` written out by hand: true exactly when that schema accepts
 * `value` (a property test holds the two together). Reading a store checks every record, and at
 * 10,000 memories zod's parse was ~60 ms of a Claude Code hook's start (README "Performance");
 * a record this rejects still goes through zod, which says what is wrong with it.
 */
export function isMemoryRecord(value: unknown): value is Memory {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, agent, type, content, createdAt, updatedAt, author, archivedAt } = value as Record<string, unknown>;
  return (
    typeof id === 'string'
    && typeof agent === 'string' && agent.length <= AGENT_NAME_MAX && AGENT_NAME_PATTERN.test(agent)
    && typeof type === 'string' && TYPE_SET.has(type)
    && typeof content === 'string'
    && typeof createdAt === 'string'
    && typeof updatedAt === 'string'
    && (author === undefined || typeof author === 'string')
    && (archivedAt === undefined || typeof archivedAt === 'string')
  );
}
