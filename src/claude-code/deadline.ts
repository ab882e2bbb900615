import { setTimeout as sleep } from 'node:timers/promises';

export type Settled<T> = { state: 'done'; value: T } | { state: 'failed'; error: unknown } | { state: 'late' };

/** How a piece of work ended within `ms`: a hook must answer inside Claude Code's timeout whatever holds it up. */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  const outcome = work.then(
    (value): Settled<T> => ({ state: 'done', value }),
    (error: unknown): Settled<T> => ({ state: 'failed', error }),
  );
  return Promise.race([outcome, sleep(ms, { state: 'late' } as const, { ref: false })]);
}
