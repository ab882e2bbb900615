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
    const message = ruleOf(issue);
    const rule = key && message.startsWith(`${key} `) ? message.slice(key.length + 1) : message;
    const problem = given === undefined && key ? `${field} is required; it ${rule}` : `${field} ${rule} (given: ${shown(given)})`;
    if (!seen.has(problem)) problems.push(problem);
    seen.add(problem);
  }
  return problems.join('\n');
}

/** Our schemas word their own rules; zod's defaults ("Invalid input: expected string, received number") are reworded. */
function ruleOf(issue: z.core.$ZodIssue): string {
  if (!/^(Invalid|Too big|Too small)/u.test(issue.message)) return issue.message;
  const unit = (origin: string) => (origin === 'string' ? ' characters' : origin === 'array' ? ' items' : '');
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${/^[aeiou]/u.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${unit(issue.origin)}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${unit(issue.origin)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return issue.message;
  }
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
