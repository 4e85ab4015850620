import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in a transaction on one pooled connection: commits when it resolves, rolls back
 * when it throws. A connection whose rollback failed is destroyed rather than returned to the
 * pool, where it could still be inside the broken transaction.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
