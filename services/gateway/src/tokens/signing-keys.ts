import { inTransaction } from '@pyairtable/kit';
import type { CryptoKey, JWK } from 'jose';
import type { Pool, PoolClient } from 'pg';
import type { SecretCipher } from '@pyairtable/kit';
import { addSeconds, systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import type { Jwks } from './jwks-schema.ts';
import { generateSigningKey, importPrivateKey, publishedJwk } from './signing-key-material.ts';
import type { NewSigningKey } from './signing-key-material.ts';

/** Options of {@link createSigningKeyStore}. */
export interface SigningKeyStoreOptions {
  readonly pool: Pool;
  /** Encrypts private keys before they are stored. */
  readonly cipher: SecretCipher;
  readonly clock?: Clock;
  /**
   * The longest an access token signed with these keys may live; default 900 s. A retired key
   * stays published at least this long, so no token outlives the key that verifies it.
   */
  readonly maxTokenLifetimeSeconds?: number;
  /** How long a replica answers from its in-memory copy of the keys; default 30 s. */
  readonly cacheSeconds?: number;
}

/** The key access tokens are signed with now. */
export interface SigningKey {
  readonly kid: string;
  readonly algorithm: string;
  readonly privateKey: CryptoKey;
}

/** Options of {@link SigningKeyStore.rotate}. */
export interface RotateOptions {
  /**
   * Publish the new key this long before it starts signing; the previous key signs until then.
   * Default 0: it signs at once. Verifiers that fetch the key set by URL look again when a
   * token names a key they do not know, but a cache between them and the gateway (the JWKS is
   * served with `max-age=60`) can hide a new key for a while; a lead of a few minutes avoids
   * rejecting tokens meanwhile.
   */
  readonly publishAheadSeconds?: number;
}

/** What {@link SigningKeyStore.rotate} did. */
export interface KeyRotation {
  /** The new key. */
  readonly kid: string;
  /** When the new key starts signing and the previous one stops. */
  readonly activatesAt: Date;
  /** The key it replaces, if there was one. */
  readonly retiredKid: string | undefined;
}

/** The gateway's signing keys in Postgres, shared by every replica. */
export interface SigningKeyStore {
  /** See {@link SigningKeyStoreOptions.maxTokenLifetimeSeconds}. */
  readonly maxTokenLifetimeSeconds: number;
  /**
   * Creates a key when none signs yet and resolves with the kid of the one that does. Called at
   * boot by every replica; replicas that race create one key between them.
   */
  ensureActiveKey(): Promise<string>;
  /**
   * Replaces the signing key with a new one. The old key is retired (signs nothing more) and
   * stays in the key set until every token it signed has expired.
   */
  rotate(options?: RotateOptions): Promise<KeyRotation>;
  /** The key to sign with now; creates one if there is none. */
  activeKey(): Promise<SigningKey>;
  /** Every key whose tokens may still be alive, public parts only, newest first. */
  publicJwks(): Promise<Jwks>;
}

interface KeyRow {
  readonly kid: string;
  readonly algorithm: string;
  readonly public_jwk: JWK;
  readonly private_jwk_ciphertext: string;
  readonly activated_at: Date;
  readonly retired_at: Date | null;
  readonly expires_at: Date | null;
}

/** Verifiers accept tokens a little past `exp` when their clock lags ours. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Creates the key store. Reads are served from memory for `cacheSeconds`, then reloaded from
 * Postgres, so a rotation made by one replica reaches the others within that time. Changes are
 * serialised by a transaction-scoped advisory lock; a partial unique index (one key not retired)
 * backs it up.
 */
export function createSigningKeyStore(options: SigningKeyStoreOptions): SigningKeyStore {
  const { pool, cipher } = options;
  const clock = options.clock ?? systemClock;
  const maxTokenLifetimeSeconds = options.maxTokenLifetimeSeconds ?? 900;
  const cacheSeconds = options.cacheSeconds ?? 30;
  // Another replica may sign with a retired key until its cache reloads.
  const publishedAfterRetirementSeconds =
    maxTokenLifetimeSeconds + cacheSeconds + CLOCK_SKEW_SECONDS;

  let cache: { readonly rows: readonly KeyRow[]; readonly loadedAt: number } | undefined;
  let loading: Promise<readonly KeyRow[]> | undefined;
  // Bumped by every change made here, so a load begun before it cannot fill the cache after it.
  let generation = 0;
  const privateKeys = new Map<string, Promise<CryptoKey>>();

  function forget(): void {
    generation += 1;
    cache = undefined;
    loading = undefined;
  }

  async function loadRows(): Promise<readonly KeyRow[]> {
    const { rows } = await pool.query<KeyRow>(
      `select kid, algorithm, public_jwk, private_jwk_ciphertext, activated_at, retired_at,
              expires_at
       from gateway_signing_keys
       where expires_at is null or expires_at > $1
       order by activated_at desc, retired_at desc nulls first`,
      [clock()],
    );
    const live = new Set(rows.map((row) => row.kid));
    for (const kid of privateKeys.keys()) if (!live.has(kid)) privateKeys.delete(kid);
    return rows;
  }

  function currentRows(): Promise<readonly KeyRow[]> {
    const now = clock().getTime();
    if (cache !== undefined && now - cache.loadedAt < cacheSeconds * 1000) {
      return Promise.resolve(cache.rows);
    }
    if (loading !== undefined) return loading;
    const startedIn = generation;
    const load = loadRows()
      .then((rows) => {
        if (startedIn === generation) cache = { rows, loadedAt: clock().getTime() };
        return rows;
      })
      .finally(() => {
        if (loading === load) loading = undefined;
      });
    loading = load;
    return load;
  }

  function privateKeyOf(row: KeyRow): Promise<CryptoKey> {
    let key = privateKeys.get(row.kid);
    if (key === undefined) {
      key = importPrivateKey(cipher, row.private_jwk_ciphertext, row.algorithm);
      // A failed import (wrong cipher key) is retried next time rather than remembered.
      key.catch(() => privateKeys.delete(row.kid));
      privateKeys.set(row.kid, key);
    }
    return key;
  }

  async function replaceCurrentKey(
    client: PoolClient,
    key: NewSigningKey,
    activatesAt: Date,
  ): Promise<string | undefined> {
    const retired = await client.query<{ kid: string }>(
      `update gateway_signing_keys
       set retired_at = greatest(activated_at, $1),
           expires_at = greatest(activated_at, $1) + make_interval(secs => $2)
       where retired_at is null
       returning kid`,
      [activatesAt, publishedAfterRetirementSeconds],
    );
    await client.query(
      `insert into gateway_signing_keys
         (kid, algorithm, public_jwk, private_jwk_ciphertext, created_at, activated_at)
       values ($1, $2, $3::jsonb, $4, $5, $6)`,
      [
        key.kid,
        key.algorithm,
        JSON.stringify(key.publicJwk),
        key.privateJwkCiphertext,
        clock(),
        activatesAt,
      ],
    );
    return retired.rows[0]?.kid;
  }

  async function ensureActiveKey(): Promise<string> {
    const existing = await signingKidIn(pool, clock());
    if (existing !== undefined) return existing;
    // Generated outside the lock: it is slow and most racers throw theirs away.
    const candidate = await generateSigningKey(cipher);
    const kid = await inTransaction(pool, async (client) => {
      await lockKeys(client);
      const now = clock();
      const winner = await signingKidIn(client, now);
      if (winner !== undefined) return winner;
      await replaceCurrentKey(client, candidate, now);
      return candidate.kid;
    });
    forget();
    return kid;
  }

  return {
    maxTokenLifetimeSeconds,
    ensureActiveKey,

    async rotate(rotateOptions = {}) {
      const candidate = await generateSigningKey(cipher);
      const rotation = await inTransaction(pool, async (client) => {
        await lockKeys(client);
        const now = clock();
        // With nothing signing meanwhile there is nothing to wait for.
        const someoneSigns = (await signingKidIn(client, now)) !== undefined;
        const activatesAt = someoneSigns
          ? addSeconds(now, rotateOptions.publishAheadSeconds ?? 0)
          : now;
        const retiredKid = await replaceCurrentKey(client, candidate, activatesAt);
        return { kid: candidate.kid, activatesAt, retiredKid };
      });
      forget();
      return rotation;
    },

    async activeKey() {
      let row = signingRow(await currentRows(), clock());
      if (row === undefined) {
        await ensureActiveKey();
        row = signingRow(await currentRows(), clock());
      }
      if (row === undefined) throw new Error('no signing key is active');
      return { kid: row.kid, algorithm: row.algorithm, privateKey: await privateKeyOf(row) };
    },

    async publicJwks() {
      const now = clock();
      const rows = await currentRows();
      return {
        keys: rows
          .filter((row) => row.expires_at === null || row.expires_at > now)
          .map((row) => publishedJwk(row.kid, row.algorithm, row.public_jwk)),
      };
    },
  };
}

/** The newest key that has started signing and not stopped; rows come newest first. */
function signingRow(rows: readonly KeyRow[], now: Date): KeyRow | undefined {
  return rows.find(
    (row) => row.activated_at <= now && (row.retired_at === null || row.retired_at > now),
  );
}

async function signingKidIn(db: Pool | PoolClient, now: Date): Promise<string | undefined> {
  const { rows } = await db.query<{ kid: string }>(
    `select kid from gateway_signing_keys
     where activated_at <= $1 and (retired_at is null or retired_at > $1)
     order by activated_at desc, retired_at desc nulls first
     limit 1`,
    [now],
  );
  return rows[0]?.kid;
}

/** Serialises key changes across replicas until the transaction ends. */
async function lockKeys(client: PoolClient): Promise<void> {
  await client.query(`select pg_advisory_xact_lock(hashtextextended('gateway_signing_keys', 0))`);
}
