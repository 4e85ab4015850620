import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { queryChanged, queryRows } from './queryable.ts';
import type { Queryable } from './queryable.ts';
import { newId } from './registry-ids.ts';
import type { ApiKey } from './registry-records.ts';
import type { WorkspaceRole } from './registry-schemas.ts';

/** Every API key starts with this, so secret scanners and log redaction can spot one. */
export const API_KEY_PREFIX = 'pyat_';

const API_KEY_SHAPE = /^pyat_(key_[0-9a-z]{16})_([A-Za-z0-9_-]{43})$/;

/** What a new key needs. */
export interface ApiKeyInput {
  readonly workspaceId: string;
  readonly name: string;
  readonly role: WorkspaceRole;
  readonly createdBy?: string | null | undefined;
  readonly expiresAt?: Date | null | undefined;
}

/** A key just made: the secret is here once and nowhere else, ever. */
export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  readonly secret: string;
}

/** Reads and writes API keys. */
export interface ApiKeyRepository {
  create(input: ApiKeyInput): Promise<CreatedApiKey>;
  /** The workspace's keys, revoked ones included, newest first. */
  list(workspaceId: string): Promise<ApiKey[]>;
  get(workspaceId: string, id: string): Promise<ApiKey | undefined>;
  revoke(workspaceId: string, id: string): Promise<boolean>;
  /**
   * The key `secret` names if it is well formed, matches, and is neither revoked nor expired;
   * records its use (at most once a minute per key, to spare the database).
   */
  verify(secret: string): Promise<ApiKey | undefined>;
}

interface ApiKeyRow {
  id: string;
  workspace_id: string;
  name: string;
  role: WorkspaceRole;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  secret_hash: string;
}

const COLUMNS =
  'id, workspace_id, name, role, created_by, created_at, expires_at, last_used_at, revoked_at, secret_hash';

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

// The secret is 256 random bits, so one fast hash is enough: there is nothing to brute-force.
function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** An API key repository on `db`; `now` is injectable for expiry tests. */
export function createApiKeyRepository(
  db: Queryable,
  now: () => Date = () => new Date(),
): ApiKeyRepository {
  return {
    async create(input) {
      const id = newId('apiKey');
      const secretPart = randomBytes(32).toString('base64url');
      const [row] = await queryRows<ApiKeyRow>(
        db,
        `insert into registry_api_keys (id, workspace_id, name, role, secret_hash, created_by, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
        [
          id,
          input.workspaceId,
          input.name,
          input.role,
          hashSecret(secretPart),
          input.createdBy ?? null,
          input.expiresAt ?? null,
        ],
      );
      if (row === undefined) throw new Error('insert returned no row');
      return { apiKey: toApiKey(row), secret: `${API_KEY_PREFIX}${id}_${secretPart}` };
    },
    async list(workspaceId) {
      const rows = await queryRows<ApiKeyRow>(
        db,
        `select ${COLUMNS} from registry_api_keys where workspace_id = $1 order by created_at desc, id`,
        [workspaceId],
      );
      return rows.map(toApiKey);
    },
    async get(workspaceId, id) {
      const [row] = await queryRows<ApiKeyRow>(
        db,
        `select ${COLUMNS} from registry_api_keys where workspace_id = $1 and id = $2`,
        [workspaceId, id],
      );
      return row === undefined ? undefined : toApiKey(row);
    },
    revoke: (workspaceId, id) =>
      queryChanged(
        db,
        `update registry_api_keys set revoked_at = coalesce(revoked_at, now())
          where workspace_id = $1 and id = $2 returning id`,
        [workspaceId, id],
      ),
    async verify(secret) {
      const match = API_KEY_SHAPE.exec(secret);
      if (match === null) return undefined;
      const [, id = '', secretPart = ''] = match;
      const [row] = await queryRows<ApiKeyRow>(
        db,
        `select ${COLUMNS} from registry_api_keys where id = $1`,
        [id],
      );
      if (row === undefined) return undefined;
      const expected = Buffer.from(row.secret_hash, 'hex');
      const presented = Buffer.from(hashSecret(secretPart), 'hex');
      if (!timingSafeEqual(expected, presented)) return undefined;
      const at = now();
      if (row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= at)) {
        return undefined;
      }
      if (row.last_used_at === null || at.getTime() - row.last_used_at.getTime() > 60_000) {
        await db.query('update registry_api_keys set last_used_at = $2 where id = $1', [id, at]);
        return { ...toApiKey(row), lastUsedAt: at };
      }
      return toApiKey(row);
    },
  };
}
