/**
 * Every failure a user can cause or fix is a MemoryError: it carries a stable code and a
 * message that says what happened, which rule was broken and what to do next. The MCP layer
 * turns these into `isError` results; anything else is a bug and is reported generically.
 */
export type MemoryErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'secret_detected'
  | 'store_corrupt'
  | 'store_needs_repair'
  | 'store_too_new'
  | 'store_unavailable'
  | 'project_invalid'
  | 'agent_invalid';

export class MemoryError extends Error {
  override readonly name = 'MemoryError';
  constructor(
    readonly code: MemoryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isMemoryError = (error: unknown): error is MemoryError => error instanceof MemoryError;
