import { AgentNameSchema, MEMORY_TYPES, MemoryTypeSchema } from '../memory.js';
import { MemoryError } from '../errors.js';
import { findSecret } from '../secrets.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-json.js';
import { parseJsonText } from './parse-json-text.js';
import { candidateOf, isObject, quoteValue, rejectOf, stringsIn, type FormatParse, type ImportCandidate, type ImportReject } from './import-types.js';

const TYPE_LIST = MEMORY_TYPES.join(', ');

function itemsOf(text: string): unknown[] {
  let data: unknown;
  try {
    data = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // V8's message quotes the text near the error, which may be a secret.
    const detail = findSecret(error.message) ? 'near a value withheld because it looks like a secret' : error.message;
    throw new MemoryError(
      'invalid_argument',
      `The import is not valid JSON (${detail}). Paste the whole export, or pass format "markdown", "claude-mpm" or "server-memory".`,
    );
  }
  if (Array.isArray(data)) return data;
  if (isObject(data) && data.format === EXPORT_FORMAT && data.version !== EXPORT_VERSION) {
    throw new MemoryError(
      'invalid_argument',
      `This export is version ${quoteValue(data.version)} of ${EXPORT_FORMAT}; this server reads version ${EXPORT_VERSION}. Update data-engineer-mcp, then retry.`,
    );
  }
  if (isObject(data) && Array.isArray(data.memories)) return data.memories;
  throw new MemoryError(
    'invalid_argument',
    `JSON import must be a ${EXPORT_FORMAT} export ({"format", "version", "memories": [...]}) or an array of {"type", "content"} objects.`,
  );
}

/** Our own timestamps are already ISO; anything else parseable is brought to the same form. */
function isoOrNothing(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? undefined : when.toISOString();
}

function readItem(item: unknown): ImportCandidate | string {
  if (!isObject(item)) return 'not an object with "type" and "content"';
  const { type, content, agent, createdAt, archivedAt } = item;
  const memoryType = MemoryTypeSchema.safeParse(typeof type === 'string' ? type.trim().toLowerCase() : type);
  if (!memoryType.success) {
    return `${type === undefined ? 'missing "type"' : `unknown type ${quoteValue(type)}`}; use one of: ${TYPE_LIST}`;
  }
  if (typeof content !== 'string') return 'missing "content" string';
  const agentName = agent === undefined ? undefined : AgentNameSchema.safeParse(agent);
  if (agentName?.success === false) {
    return `agent ${quoteValue(agent)} is not a valid agent name (lower-case letters, digits, "_" or "-")`;
  }
  // Archived memories were pushed out by the per-agent cap; importing them would revive them.
  if (archivedAt !== undefined) return 'archived in the source; only active memories are imported';
  return candidateOf(memoryType.data, content, agentName?.data, isoOrNothing(createdAt));
}

/** Our exportJson output, a bare array of {type, content, agent?, createdAt?}, or {memories: [...]}. */
export function parseJson(text: string): FormatParse {
  const candidates: ImportCandidate[] = [];
  const rejected: ImportReject[] = [];
  for (const item of itemsOf(text)) {
    const result = readItem(item);
    if (typeof result === 'string') rejected.push(rejectOf(JSON.stringify(item) ?? String(item), result, stringsIn(item)));
    else candidates.push(result);
  }
  return { candidates, rejected };
}
