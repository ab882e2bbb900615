/**
 * Generous on purpose: these tests spawn several servers on a loaded 2-core CI machine, and
 * file-system watches plus debounces sit between a write and its notification. A deadline only
 * bounds how long a broken build takes to fail; no test asserts how fast anything is.
 */
export const DEADLINE_MS = 30_000;

/** Polls `probe` until it returns something other than undefined/false, or fails naming `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, deadlineMs = DEADLINE_MS): Promise<T> {
  const until = Date.now() + deadlineMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > until) {
      const why = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${why}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}
