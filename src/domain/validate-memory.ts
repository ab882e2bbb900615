import { MemoryError } from './errors.js';
import { findSecret } from './secrets.js';
import { AGENT_NAME_MAX, AGENT_NAME_PATTERN, CONTENT_MAX, CONTENT_MIN, MEMORY_TYPES, type MemoryType, normaliseContent } from './memory.js';

/** Content as stored: one line, trimmed, within the seed's 5-100 characters, carrying no credential. */
export function validContent(raw: string, field = 'content'): string {
  const content = normaliseContent(raw);
  // Secrets first: a long text holding a key must be told about the key, not only its length.
  const secret = findSecret(content);
  if (secret) {
    throw new MemoryError(
      'secret_detected',
      `${field} looks like it contains ${secret.description} (rule "${secret.rule}"); memories may be committed to git, so it was not stored. ` +
        'Store where the secret lives instead (e.g. "OpenAI key is in the OPENAI_API_KEY env var").',
    );
  }
  const length = [...content].length;
  if (length < CONTENT_MIN || length > CONTENT_MAX) {
    throw new MemoryError(
      'invalid_argument',
      `${field} is ${length} characters after trimming; it must be ${CONTENT_MIN}-${CONTENT_MAX}. ` +
        (length < CONTENT_MIN ? 'Write the learning as a short sentence.' : 'Shorten it to the one fact worth keeping, or split it into several memories.'),
    );
  }
  return content;
}

export function validType(raw: string, field = 'type'): MemoryType {
  const type = raw.trim().toLowerCase();
  if ((MEMORY_TYPES as readonly string[]).includes(type)) return type as MemoryType;
  throw new MemoryError(
    'invalid_argument',
    `${field} ${findSecret(raw) ? '(withheld: it looks like a secret)' : `"${raw.slice(0, 40)}"`} is not a memory type; use one of ${MEMORY_TYPES.join(', ')}.`,
  );
}

/**
 * An agent name as a stored record must have it (isMemoryRecord). The surfaces check it too; here
 * it holds for every write: a store we write holds only records our reads accept, which is what
 * lets a reader take them unchecked (store/last-write.ts RECORD_RULES).
 */
export function validAgent(raw: string, field = 'agent'): string {
  if (raw.length <= AGENT_NAME_MAX && AGENT_NAME_PATTERN.test(raw)) return raw;
  throw new MemoryError(
    'invalid_argument',
    `${field} "${raw.slice(0, 40)}" is not an agent name; use 1-${AGENT_NAME_MAX} lower-case letters, digits, "_" or "-" (e.g. data_engineer).`,
  );
}
