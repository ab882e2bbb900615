import { z } from 'zod';

/**
 * The fields of Claude Code's hook input (JSON on stdin) that the hooks read; every event sends
 * session_id, transcript_path, cwd and hook_event_name, and each event adds its own. Loose,
 * because Claude Code adds fields between versions (2.1.197 sends effort, prompt_id, …).
 */
// Made on first use, which is only to word a refusal (parseHookInput): the hooks bundle does not
// build it at load, and the fast path (src/hooks-fast.ts), which checks input with isHookInput,
// leaves zod out of its bundle.
const makeHookInputSchema = () => z.looseObject({
  session_id: z.string().max(200).optional(),
  transcript_path: z.string().max(4_096).optional(),
  cwd: z.string().min(1).max(4_096),
  hook_event_name: z.string().max(64).optional(),
  /** SessionStart: startup, resume, clear or compact. */
  source: z.string().max(64).optional(),
  /** UserPromptSubmit. */
  prompt: z.string().optional(),
  /** Stop and SubagentStop: the text of the reply that just ended. */
  last_assistant_message: z.string().optional(),
  /** SubagentStop: "<plugin>:<agent>" for a plugin's subagent, and that subagent's own transcript. */
  agent_type: z.string().max(200).optional(),
  agent_transcript_path: z.string().max(4_096).optional(),
});
let madeSchema: ReturnType<typeof makeHookInputSchema> | undefined;
export const hookInputSchema = (): ReturnType<typeof makeHookInputSchema> => (madeSchema ??= makeHookInputSchema());
export type HookInput = z.infer<ReturnType<typeof makeHookInputSchema>>;

/** Each optional string field of hookInputSchema() and its longest length (Infinity: unbounded). */
const OPTIONAL_FIELDS: ReadonlyArray<[keyof HookInput, number]> = [
  ['session_id', 200],
  ['transcript_path', 4_096],
  ['hook_event_name', 64],
  ['source', 64],
  ['prompt', Infinity],
  ['last_assistant_message', Infinity],
  ['agent_type', 200],
  ['agent_transcript_path', 4_096],
];

/**
 * The test of hookInputSchema() written out by hand: true exactly when the schema accepts `value`
 * (a test holds the two together), for the fast path, which must not load zod. Whatever it
 * refuses goes to the full path, which says what is wrong.
 */
export function isHookInput(value: unknown): value is HookInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const fields = value as Record<string, unknown>;
  if (typeof fields.cwd !== 'string' || fields.cwd.length < 1 || fields.cwd.length > 4_096) return false;
  return OPTIONAL_FIELDS.every(([name, max]) => fields[name] === undefined || (typeof fields[name] === 'string' && fields[name].length <= max));
}

/** The input is Claude Code's, not the user's: a bad one is reported in one line, never thrown at the session. */
export class HookInputError extends Error {
  override readonly name = 'HookInputError';
}

export function parseHookInput(text: string): HookInput {
  if (text.trim() === '') throw new HookInputError('no hook input on stdin (expected Claude Code\'s hook JSON)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HookInputError('hook input on stdin is not JSON (expected Claude Code\'s hook JSON)');
  }
  // The hand-written test first: it accepts exactly what the schema accepts, and a hook's one zod
  // parse (jitless, src/hooks.ts) cost ~1.5 ms of a capture. The schema words a refusal.
  if (isHookInput(json)) return json;
  const result = hookInputSchema().safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HookInputError(`hook input field "${issue?.path.join('.') || '(root)'}" ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

/** What a hook prints on stdout: Claude Code reads it as JSON when the hook exits 0. */
export interface HookOutput {
  /** One line shown to the user. */
  systemMessage?: string;
  hookSpecificOutput?: { hookEventName: 'SessionStart' | 'UserPromptSubmit'; additionalContext: string };
}
