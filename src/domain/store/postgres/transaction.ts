import type { PoolClient } from 'pg';

/**
 * Runs `work` as one transaction on `client`: COMMIT when it returns, ROLLBACK when it throws (the
 * work's error is the one reported; a ROLLBACK that fails too, on a broken connection, adds nothing).
 * `begin` sets the transaction's kind, e.g. 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'.
 */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>, begin = 'BEGIN'): Promise<T> {
  try {
    await client.query(begin);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
