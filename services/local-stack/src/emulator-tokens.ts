import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The token `npm start` gives the Airtable emulator, and the file that declares it. */
export interface EmulatorToken {
  readonly token: string;
  readonly file: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/**
 * A personal access token for the local emulator, shaped like Airtable's (`pat` + 14
 * characters + `.` + 64 hex digits), with every scope on every base. Made once per data
 * directory and kept, so scripts that read `stack.json` keep working across restarts; it is
 * random so that no two machines share a working credential.
 */
export function ensureEmulatorToken(dataDir: string): EmulatorToken {
  const file = path.join(dataDir, 'airtable-emulator-tokens.json');
  if (existsSync(file)) {
    const declared = JSON.parse(readFileSync(file, 'utf8')) as { tokens: { token: string }[] };
    const token = declared.tokens[0]?.token;
    if (token !== undefined) return { token, file };
  }
  const token = `pat${randomAlphanumeric(14)}.${randomBytes(32).toString('hex')}`;
  const declaration = {
    tokens: [
      {
        token,
        user: { id: `usr${randomAlphanumeric(14)}`, email: 'demo@pyairtable.local', name: 'Demo' },
        scopes: [
          'data.records:read',
          'data.records:write',
          'data.recordComments:read',
          'data.recordComments:write',
          'schema.bases:read',
          'schema.bases:write',
          'user.email:read',
        ],
        bases: '*',
      },
    ],
  };
  writeFileSync(file, `${JSON.stringify(declaration, null, 2)}\n`, { mode: 0o600 });
  return { token, file };
}

/** A base the emulator serves, as its metadata API lists it. */
export interface EmulatorBase {
  readonly id: string;
  readonly name: string;
}

/** Asks the running emulator, through Airtable's own metadata API, which bases it serves. */
export async function listEmulatorBases(url: string, token: string): Promise<EmulatorBase[]> {
  const response = await fetch(`${url}/v0/meta/bases`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`the emulator answered ${response.status} listing bases`);
  const body = (await response.json()) as { bases: { id: string; name: string }[] };
  return body.bases.map((base) => ({ id: base.id, name: base.name }));
}
