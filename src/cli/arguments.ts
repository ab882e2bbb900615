import type { z } from 'zod';
import { parseArguments } from '../mcp/tool-arguments.js';

/**
 * Command input goes through the tools' own zod fields (src/mcp/schemas.ts), so the CLI accepts
 * and refuses exactly what the tools do and says it in the same words, naming its own flags.
 */
export function parseCommandArguments<T>(schema: z.ZodType<T>, raw: Record<string, unknown>, names: Record<string, string>): Promise<T> {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  return parseArguments(schema, defined, (field) => names[field] ?? field);
}

/** A flag's number as typed: "20" is 20, anything else stays text so the schema can say what is wrong. */
export const asNumber = (raw: string | undefined): number | string | undefined => (raw !== undefined && /^\s*-?\d+(\.\d+)?\s*$/u.test(raw) ? Number(raw) : raw);
