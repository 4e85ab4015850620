import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { registryErrors } from './registry-errors.ts';

/** A pool or a client inside a transaction: what the repositories query through. */
export type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Runs one parameterised statement and returns its rows. */
export async function queryRows<Row extends QueryResultRow>(
  db: Queryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  const result = await db.query<Row>(text, [...values]);
  return result.rows;
}

/** Runs one update or delete ending in `returning`, and tells whether it changed any row. */
export async function queryChanged(
  db: Queryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<boolean> {
  return (await queryRows(db, text, values)).length > 0;
}

/** Turns a unique-key violation into a 409 naming `what`; other errors pass through. */
export function conflictAs(what: string): (error: unknown) => never {
  return (error: unknown) => {
    if (isUniqueViolation(error)) throw registryErrors.REGISTRY_CONFLICT({ what }, error);
    throw error;
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
