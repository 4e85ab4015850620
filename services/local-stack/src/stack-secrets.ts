import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCipherKey, parseCipherKeys } from '@pyairtable/kit';

/** Secrets the local platform's services share. */
export interface StackSecrets {
  /** `SECRET_ENCRYPTION_KEYS` for every service that opens the registry. */
  readonly encryptionKeys: string;
  /** The platform admin's password (`admin@pyairtable.local`). */
  readonly adminPassword: string;
  /** The demo user's password (`demo@pyairtable.local`). */
  readonly demoPassword: string;
  /** The demo workspace's API key, once made (the registry keeps only its hash). */
  readonly demoApiKey?: string | undefined;
}

/**
 * Made once per data directory and kept (mode 0600), so Airtable tokens encrypted in the
 * embedded Postgres stay readable and the demo accounts keep their passwords across restarts.
 * Random, so no two machines share a key or a password.
 */
export function ensureStackSecrets(dataDir: string): StackSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackSecrets>;
    if (
      typeof stored.encryptionKeys === 'string' &&
      isUsable(stored.encryptionKeys) &&
      typeof stored.adminPassword === 'string' &&
      typeof stored.demoPassword === 'string'
    ) {
      return {
        encryptionKeys: stored.encryptionKeys,
        adminPassword: stored.adminPassword,
        demoPassword: stored.demoPassword,
        demoApiKey: stored.demoApiKey,
      };
    }
  }
  const secrets: StackSecrets = {
    encryptionKeys: generateCipherKey('local'),
    adminPassword: randomBytes(18).toString('base64url'),
    demoPassword: randomBytes(18).toString('base64url'),
  };
  saveStackSecrets(dataDir, secrets);
  return secrets;
}

/** Rewrites the secrets file (mode 0600). */
export function saveStackSecrets(dataDir: string, secrets: StackSecrets): void {
  const file = path.join(dataDir, 'secrets.json');
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}

function isUsable(keys: string): boolean {
  try {
    return parseCipherKeys(keys).length > 0;
  } catch {
    return false;
  }
}
