import { z } from 'zod';

/**
 * The fields of Claude Code's hook input (JSON on stdin) that the hooks read; every event sends
 * session_id, transcript_path, cwd and hook_event_name, and each event adds its own. Loose,
 * because Claude Code adds fields between versions (2.1.197 sends effort, prompt_id, …).
 */
export const HookInputSchema = z.looseObject({
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
export type HookInput = z.infer<typeof HookInputSchema>;

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
  const result = HookInputSchema.safeParse(json);
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
