import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCipherKey, parseCipherKeys } from '@pyairtable/kit';

/** Secrets the local platform's services share. */
export interface StackSecrets {
  /** `SECRET_ENCRYPTION_KEYS` for every service that opens the registry. */
  readonly encryptionKeys: string;
}

/**
 * Made once per data directory and kept (mode 0600), so Airtable tokens encrypted in the
 * embedded Postgres stay readable across restarts. Random, so no two machines share a key.
 */
export function ensureStackSecrets(dataDir: string): StackSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackSecrets>;
    if (typeof stored.encryptionKeys === 'string' && isUsable(stored.encryptionKeys)) {
      return { encryptionKeys: stored.encryptionKeys };
    }
  }
  const secrets: StackSecrets = { encryptionKeys: generateCipherKey('local') };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

function isUsable(keys: string): boolean {
  try {
    return parseCipherKeys(keys).length > 0;
  } catch {
    return false;
  }
}
