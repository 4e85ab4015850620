import { inTransaction } from '@pyairtable/kit';
import type { Pool, PoolClient } from 'pg';
import { addSeconds, systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import {
  newRandomId,
  newRefreshToken,
  parseRefreshToken,
  secretMatches,
} from './refresh-token-format.ts';

/** Options of {@link createRefreshTokenStore}. */
export interface RefreshTokenStoreOptions {
  readonly pool: Pool;
  /** How long each token is valid; default 30 days. Each rotation starts a new period. */
  readonly ttlSeconds?: number;
  readonly clock?: Clock;
}

/** Where a token was issued from, kept for the user's list of sessions and for audits. */
export interface RefreshTokenMeta {
  readonly userAgent?: string | undefined;
  readonly ip?: string | undefined;
}

/** A refresh token just issued. */
export interface IssuedRefreshToken {
  /** `rt_<id>.<secret>`: give it to the client; it is not stored and cannot be shown again. */
  readonly token: string;
  /** The sign-in this token belongs to; stays the same across rotations (the session id). */
  readonly familyId: string;
  readonly userId: string;
  readonly expiresAt: Date;
}

/** Why a refresh token was not accepted. */
export type RefreshFailureReason =
  /**
   * The token was already rotated: someone kept a copy. Its whole family is now revoked, the
   * newest token included, so the thief and the user both have to sign in again.
   */
  | 'reused'
  | 'expired'
  /** Its family was ended: logout, reuse detected earlier, or all sessions revoked. */
  | 'revoked'
  /** Not a token of ours, or not one that exists. */
  | 'unknown';

/** The outcome of {@link RefreshTokenStore.rotate}. */
export type RefreshRotation =
  | ({ readonly ok: true } & IssuedRefreshToken)
  | { readonly ok: false; readonly reason: RefreshFailureReason };

/** Why a family was revoked, as recorded in `revoke_reason`. */
export type RevokeReason = 'reused' | 'logout' | 'all-sessions';

/** Rotating refresh tokens in Postgres. */
export interface RefreshTokenStore {
  /** Starts a new family (a sign-in) for `userId`. */
  issue(userId: string, meta?: RefreshTokenMeta): Promise<IssuedRefreshToken>;
  /**
   * Exchanges a valid token for the next one of its family; the presented token is used up.
   * Of concurrent rotations of one token exactly one succeeds: the others present a used
   * token, which counts as reuse, so clients must not refresh in parallel.
   */
  rotate(token: string, meta?: RefreshTokenMeta): Promise<RefreshRotation>;
  /** Logout: revokes the family of `token`. False when the token is not one of ours. */
  revokeFamily(token: string): Promise<boolean>;
  /** Revokes every family of the user (password change, account disabled); resolves with how many. */
  revokeAllForUser(userId: string): Promise<number>;
  /** Deletes tokens past their expiry; resolves with how many. Run it from a periodic job. */
  deleteExpired(): Promise<number>;
}

interface PresentedRow {
  readonly id: string;
  readonly user_id: string;
  readonly family_id: string;
  readonly token_hash: string;
}

interface StateRow {
  readonly used_at: Date | null;
  readonly revoked_at: Date | null;
}

const DEFAULT_TTL_SECONDS = 30 * 24 * 60 * 60;
// Client-supplied; bounded so a huge header cannot bloat the table.
const MAX_USER_AGENT_LENGTH = 512;
const MAX_IP_LENGTH = 64;

/**
 * Creates the refresh-token store. Every change to a user's tokens holds a per-user advisory
 * lock until its transaction ends, so a rotation racing a logout cannot leave a live token in
 * a revoked family, and a rotation losing a race sees the winner's token when it revokes.
 */
export function createRefreshTokenStore(options: RefreshTokenStoreOptions): RefreshTokenStore {
  const { pool } = options;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const clock = options.clock ?? systemClock;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`refresh-token ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }

  async function insertToken(
    client: PoolClient,
    family: { readonly familyId: string; readonly userId: string; readonly parentId?: string },
    meta: RefreshTokenMeta,
  ): Promise<IssuedRefreshToken> {
    const created = newRefreshToken();
    const now = clock();
    const expiresAt = addSeconds(now, ttlSeconds);
    await client.query(
      `insert into gateway_refresh_tokens
         (id, family_id, user_id, token_hash, parent_id, created_at, expires_at, user_agent, ip)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        created.id,
        family.familyId,
        family.userId,
        created.secretHash,
        family.parentId ?? null,
        now,
        expiresAt,
        meta.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
        meta.ip?.slice(0, MAX_IP_LENGTH) ?? null,
      ],
    );
    return { token: created.token, familyId: family.familyId, userId: family.userId, expiresAt };
  }

  /** The row `token` names, if its secret matches. */
  async function findPresented(token: string): Promise<PresentedRow | undefined> {
    const parts = parseRefreshToken(token);
    if (parts === undefined) return undefined;
    const { rows } = await pool.query<PresentedRow>(
      'select id, user_id, family_id, token_hash from gateway_refresh_tokens where id = $1',
      [parts.id],
    );
    const row = rows[0];
    return row !== undefined && secretMatches(parts.secret, row.token_hash) ? row : undefined;
  }

  async function revokeFamilyIn(
    client: PoolClient,
    familyId: string,
    reason: RevokeReason,
  ): Promise<void> {
    await client.query(
      `update gateway_refresh_tokens set revoked_at = $2, revoke_reason = $3
       where family_id = $1 and revoked_at is null`,
      [familyId, clock(), reason],
    );
  }

  /** Why a token whose claim failed cannot be rotated; revokes its family on reuse. */
  async function refusal(client: PoolClient, row: PresentedRow): Promise<RefreshFailureReason> {
    const { rows } = await client.query<StateRow>(
      'select used_at, revoked_at from gateway_refresh_tokens where id = $1',
      [row.id],
    );
    const state = rows[0];
    if (state === undefined) return 'unknown';
    if (state.revoked_at !== null) return 'revoked';
    if (state.used_at !== null) {
      await revokeFamilyIn(client, row.family_id, 'reused');
      return 'reused';
    }
    return 'expired';
  }

  return {
    async issue(userId, meta = {}) {
      if (userId === '') throw new TypeError('a refresh token needs a user id');
      return inTransaction(pool, async (client) => {
        await lockUser(client, userId);
        return insertToken(client, { familyId: newRandomId(), userId }, meta);
      });
    },

    async rotate(token, meta = {}) {
      const row = await findPresented(token);
      if (row === undefined) return { ok: false, reason: 'unknown' };
      return inTransaction(pool, async (client): Promise<RefreshRotation> => {
        await lockUser(client, row.user_id);
        // The row lock and the `used_at is null` test make this a claim only one caller wins.
        const claimed = await client.query(
          `update gateway_refresh_tokens set used_at = $2
           where id = $1 and used_at is null and revoked_at is null and expires_at > $2`,
          [row.id, clock()],
        );
        if (claimed.rowCount !== 1) return { ok: false, reason: await refusal(client, row) };
        const next = await insertToken(
          client,
          { familyId: row.family_id, userId: row.user_id, parentId: row.id },
          meta,
        );
        return { ok: true, ...next };
      });
    },

    async revokeFamily(token) {
      const row = await findPresented(token);
      if (row === undefined) return false;
      await inTransaction(pool, async (client) => {
        await lockUser(client, row.user_id);
        await revokeFamilyIn(client, row.family_id, 'logout');
      });
      return true;
    },

    async revokeAllForUser(userId) {
      return inTransaction(pool, async (client) => {
        await lockUser(client, userId);
        const { rows } = await client.query<{ families: number }>(
          `with revoked as (
             update gateway_refresh_tokens set revoked_at = $2, revoke_reason = 'all-sessions'
             where user_id = $1 and revoked_at is null
             returning family_id
           )
           select count(distinct family_id)::int as families from revoked`,
          [userId, clock()],
        );
        return rows[0]?.families ?? 0;
      });
    },

    async deleteExpired() {
      const { rowCount } = await pool.query(
        'delete from gateway_refresh_tokens where expires_at <= $1',
        [clock()],
      );
      return rowCount ?? 0;
    },
  };
}

/** Serialises changes to one user's refresh tokens until the transaction ends. */
async function lockUser(client: PoolClient, userId: string): Promise<void> {
  await client.query(
    `select pg_advisory_xact_lock(hashtextextended('gateway_refresh_tokens:' || $1, 0))`,
    [userId],
  );
}
