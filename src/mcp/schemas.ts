import { z } from 'zod';
import { EXTRACT_MAX_CHARS } from '../domain/extract-memories.js';
import { LIST_LIMIT_MAX } from '../domain/memory-query.js';
import { IMPORT_FORMATS } from '../domain/transfer/parse-import.js';
import { AgentNameSchema, CONTENT_MAX, CONTENT_MIN, MEMORY_TYPES, MemorySchema } from '../domain/memory.js';

/** Input fields shared by the tools; the `.describe()` text is what the model reads. */
/** Any case and spacing ("Performance "), as extract_memories already reads a block's Type: line. */
export const typeField = z
  .preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(MEMORY_TYPES, { error: `type must be one of ${MEMORY_TYPES.join(', ')}; pick the closest kind of learning` }),
  )
  .describe(`Kind of learning: ${MEMORY_TYPES.join(', ')} (any case).`);

export const contentField = z
  .string({ error: 'content must be a string: the learning as one short sentence' })
  .describe(`The learning, ${CONTENT_MIN}-${CONTENT_MAX} characters after trimming; newlines are folded into spaces. Never include secrets.`);

export const agentField = AgentNameSchema.describe('Agent the memory belongs to; defaults to "data_engineer".');

export const idField = z
  .string({ error: 'id must be a string: the id of a memory as returned by add_memory or read_memories' })
  .min(1, 'id must not be empty: pass the id of a memory as returned by add_memory or read_memories')
  .max(64, 'id is too long: memory ids are short strings as returned by add_memory or read_memories')
  .describe('Id of the memory, as returned by add_memory or read_memories.');

export const projectField = z
  .string()
  .describe("Absolute path of a project folder to use for this call only, instead of the server's current project.");

export const limitField = z
  .number({ error: `limit must be a whole number from 1 to ${LIST_LIMIT_MAX}` })
  .int(`limit must be a whole number from 1 to ${LIST_LIMIT_MAX}`)
  .min(1, `limit must be at least 1`)
  .max(LIST_LIMIT_MAX, `limit must be at most ${LIST_LIMIT_MAX}; page with nextCursor for more`)
  .describe(`How many memories to return (default 20, at most ${LIST_LIMIT_MAX}).`);

export const memoryOutput = MemorySchema.describe('A stored memory.');

export const rejectedOutput = z
  .array(z.object({ block: z.string().describe('The source that was refused (withheld if it held a secret).'), reason: z.string().describe('Why, and how to fix it.') }))
  .describe('Candidates that were not stored, each with the reason.');

/** The text argument of extract_memories and import_memories: one size bound for both. */
export const bulkTextField = (what: string) =>
  z
    .string({ error: `text must be a string: ${what}` })
    .max(EXTRACT_MAX_CHARS, `text must be at most ${EXTRACT_MAX_CHARS} characters; split it into several calls`);

export const exportFormatField = z.enum(['markdown', 'json'], { error: 'format must be "markdown" or "json"' }).describe('markdown for people, json for full records.');

export const importFormatField = z
  .enum(IMPORT_FORMATS, { error: `format must be one of ${IMPORT_FORMATS.join(', ')}` })
  .describe('Default auto: detected from the text.');

export const relatedFields = {
  id: z.string().describe('Id of the related memory.'),
  content: z.string().describe('Its content.'),
  similarity: z.number().describe('Share of words in common with the new memory (0.5-1).'),
};

/** Shared wording: the model should act on a related memory the new one supersedes. */
export const RELATED_ADVICE =
  'If the new memory supersedes one of these (e.g. "12 partitions" → "now 24 partitions"), update that one instead or archive it with update_memory archived: true.';
