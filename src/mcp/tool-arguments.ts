import { z } from 'zod';
import { findSecret } from '../domain/secrets.js';

/**
 * Arguments that break a tool's (or a command's) input schema. The message names each field,
 * the rule, the value given (withheld when it could be a secret) and what to do; one wording
 * for the MCP tools and the CLI, because both parse with the same zod schemas.
 */
export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

/** How a surface names a field: the MCP tools by its key, the CLI by its flag (--type). */
export type FieldNamer = (field: string) => string;

const SHOWN_MAX = 60;

/** Parses with a tool's input schema; throws ArgumentError with every problem in one message. */
export async function parseArguments<T>(schema: z.ZodType<T>, raw: unknown, name: FieldNamer = (field) => field): Promise<T> {
  const result = await schema.safeParseAsync(raw ?? {});
  if (result.success) return result.data;
  throw new ArgumentError(describeIssues(result.error.issues, raw, name));
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, name: FieldNamer = (field) => field): string {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    const field = key ? name(key) : 'arguments';
    const given = valueAt(raw, issue.path);
    // The schemas word their rules as "<key> must …"; the surface's own name goes in its place.
    const rule = key && issue.message.startsWith(`${key} `) ? issue.message.slice(key.length + 1) : issue.message;
    const problem = given === undefined && key ? `${field} is required; it ${rule}` : `${field} ${rule} (given: ${shown(given)})`;
    if (!seen.has(problem)) problems.push(problem);
    seen.add(problem);
  }
  return problems.join('\n');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  if (findSecret(typeof value === 'string' ? value : text)) return 'withheld: it looks like a secret';
  return [...text].length > SHOWN_MAX ? `${[...text].slice(0, SHOWN_MAX).join('')}… (${[...text].length} characters)` : text;
}
