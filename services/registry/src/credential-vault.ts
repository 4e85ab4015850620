import type { SecretCipher } from '@pyairtable/kit';
import { queryChanged, queryRows } from './queryable.ts';
import type { Queryable } from './queryable.ts';

/** A tenant's decrypted Airtable token and the version it was stored as. */
export interface TenantCredential {
  readonly token: string;
  readonly version: number;
}

/** The outcome of checking a token against Airtable (whoami). */
export type CredentialCheck =
  | { readonly valid: true; readonly airtableUserId: string }
  | { readonly valid: false; readonly message: string };

/**
 * The only code that sees tenants' Airtable tokens: it encrypts them on the way in and
 * decrypts them for the service about to call Airtable. Tokens never appear in a Tenant.
 */
export interface CredentialVault {
  /** Stores a new token (status `unchecked`) and bumps the credential version. */
  setToken(tenantId: string, token: string): Promise<boolean>;
  /** Forgets the token (status `missing`). */
  clearToken(tenantId: string): Promise<boolean>;
  readToken(tenantId: string): Promise<TenantCredential | undefined>;
  /** Records a check of the token of `version`; ignored if the token changed meanwhile. */
  recordCheck(tenantId: string, version: number, check: CredentialCheck): Promise<boolean>;
  /** Re-encrypts every token made with an older key; returns how many were rewritten. */
  reencryptAll(): Promise<number>;
}

/** A vault over `db` that encrypts with `cipher`. */
export function createCredentialVault(db: Queryable, cipher: SecretCipher): CredentialVault {
  return {
    setToken: (tenantId, token) =>
      queryChanged(
        db,
        `update registry_tenants set airtable_token_ciphertext = $2,
           credential_version = credential_version + 1, credential_status = 'unchecked',
           credential_message = null, credential_checked_at = null, airtable_user_id = null,
           updated_at = now()
         where id = $1 returning id`,
        [tenantId, cipher.encrypt(token)],
      ),
    clearToken: (tenantId) =>
      queryChanged(
        db,
        `update registry_tenants set airtable_token_ciphertext = null,
           credential_version = credential_version + 1, credential_status = 'missing',
           credential_message = null, credential_checked_at = null, airtable_user_id = null,
           updated_at = now()
         where id = $1 returning id`,
        [tenantId],
      ),
    async readToken(tenantId) {
      const [row] = await queryRows<{ ciphertext: string | null; version: number }>(
        db,
        `select airtable_token_ciphertext as ciphertext, credential_version as version
           from registry_tenants where id = $1`,
        [tenantId],
      );
      if (row?.ciphertext == null) return undefined;
      return { token: cipher.decrypt(row.ciphertext), version: row.version };
    },
    recordCheck: (tenantId, version, check) =>
      queryChanged(
        db,
        `update registry_tenants set credential_status = $3, credential_message = $4,
           airtable_user_id = $5, credential_checked_at = now(), updated_at = now()
         where id = $1 and credential_version = $2 and airtable_token_ciphertext is not null
         returning id`,
        [
          tenantId,
          version,
          check.valid ? 'valid' : 'invalid',
          check.valid ? null : check.message,
          check.valid ? check.airtableUserId : null,
        ],
      ),
    async reencryptAll() {
      const rows = await queryRows<{ id: string; ciphertext: string }>(
        db,
        `select id, airtable_token_ciphertext as ciphertext from registry_tenants
          where airtable_token_ciphertext is not null`,
      );
      let rewritten = 0;
      for (const row of rows.filter((candidate) =>
        cipher.needsReencryption(candidate.ciphertext),
      )) {
        const fresh = cipher.encrypt(cipher.decrypt(row.ciphertext));
        // Compare-and-set: a token replaced meanwhile is already under the new key.
        if (
          await queryChanged(
            db,
            `update registry_tenants set airtable_token_ciphertext = $3
              where id = $1 and airtable_token_ciphertext = $2 returning id`,
            [row.id, row.ciphertext, fresh],
          )
        ) {
          rewritten += 1;
        }
      }
      return rewritten;
    },
  };
}
