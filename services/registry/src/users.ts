import { conflictAs, queryChanged, queryRows } from './queryable.ts';
import type { Queryable } from './queryable.ts';
import { newId } from './registry-ids.ts';
import type { User } from './registry-records.ts';
import type { PlatformRole } from './registry-schemas.ts';

/** What a new user needs; the password arrives already hashed by the gateway. */
export interface UserInput {
  readonly email: string;
  readonly username?: string | undefined;
  readonly displayName: string;
  readonly passwordHash?: string | undefined;
  readonly platformRole?: PlatformRole | undefined;
}

/** A user with the password hash, for the one place that checks passwords. */
export interface UserCredentials {
  readonly user: User;
  readonly passwordHash: string | null;
}

/** Reads and writes users. Emails and usernames compare case-insensitively. */
export interface UserRepository {
  /** Fails with REGISTRY_CONFLICT when the email or username is taken. */
  create(input: UserInput): Promise<User>;
  get(id: string): Promise<User | undefined>;
  getByEmail(email: string): Promise<User | undefined>;
  /** Finds a user by email or username, with the password hash, for login. */
  findCredentials(login: string): Promise<UserCredentials | undefined>;
  setPasswordHash(id: string, passwordHash: string): Promise<boolean>;
  setPlatformRole(id: string, role: PlatformRole): Promise<boolean>;
  setDisabled(id: string, disabled: boolean): Promise<boolean>;
}

interface UserRow {
  id: string;
  email: string;
  username: string | null;
  display_name: string;
  platform_role: PlatformRole;
  disabled_at: Date | null;
  created_at: Date;
  password_hash: string | null;
}

const USER_COLUMNS =
  'id, email, username, display_name, platform_role, disabled_at, created_at, password_hash';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    displayName: row.display_name,
    platformRole: row.platform_role,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

/** A user repository on `db`. */
export function createUserRepository(db: Queryable): UserRepository {
  const one = async (text: string, values: readonly unknown[]): Promise<UserRow | undefined> =>
    (await queryRows<UserRow>(db, text, values))[0];
  return {
    async create(input) {
      const row = await one(
        `insert into registry_users (id, email, username, display_name, password_hash, platform_role)
         values ($1, $2, $3, $4, $5, $6) returning ${USER_COLUMNS}`,
        [
          newId('user'),
          input.email.trim(),
          input.username?.trim() ?? null,
          input.displayName,
          input.passwordHash ?? null,
          input.platformRole ?? 'user',
        ],
      ).catch(conflictAs('A user with that email or username'));
      if (row === undefined) throw new Error('insert returned no row');
      return toUser(row);
    },
    async get(id) {
      const row = await one(`select ${USER_COLUMNS} from registry_users where id = $1`, [id]);
      return row === undefined ? undefined : toUser(row);
    },
    async getByEmail(email) {
      const row = await one(
        `select ${USER_COLUMNS} from registry_users where lower(email) = lower($1)`,
        [email.trim()],
      );
      return row === undefined ? undefined : toUser(row);
    },
    async findCredentials(login) {
      const row = await one(
        `select ${USER_COLUMNS} from registry_users
          where lower(email) = lower($1) or lower(username) = lower($1) limit 1`,
        [login.trim()],
      );
      return row === undefined ? undefined : { user: toUser(row), passwordHash: row.password_hash };
    },
    setPasswordHash: (id, passwordHash) =>
      queryChanged(
        db,
        'update registry_users set password_hash = $2, updated_at = now() where id = $1 returning id',
        [id, passwordHash],
      ),
    setPlatformRole: (id, role) =>
      queryChanged(
        db,
        'update registry_users set platform_role = $2, updated_at = now() where id = $1 returning id',
        [id, role],
      ),
    setDisabled: (id, disabled) =>
      queryChanged(
        db,
        `update registry_users set disabled_at = case when $2 then coalesce(disabled_at, now()) end,
           updated_at = now() where id = $1 returning id`,
        [id, disabled],
      ),
  };
}
