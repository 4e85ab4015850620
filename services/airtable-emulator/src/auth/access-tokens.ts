/**
 * The personal access tokens the emulator accepts. Each belongs to a user, carries scopes and
 * is granted a list of bases (or all of them), like an Airtable PAT. Without a tokens file the
 * emulator accepts one documented, development-only demo token with every scope on every base.
 */
import { readFile } from 'node:fs/promises';
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';

/** The scopes the emulator knows, as Airtable names them. */
export const ScopeSchema = Type.Union([
  Type.Literal('data.records:read'),
  Type.Literal('data.records:write'),
  Type.Literal('data.recordComments:read'),
  Type.Literal('data.recordComments:write'),
  Type.Literal('schema.bases:read'),
  Type.Literal('schema.bases:write'),
  Type.Literal('user.email:read'),
]);

/** One scope. */
export type Scope = Static<typeof ScopeSchema>;

/** Every scope. */
export const SCOPES: readonly Scope[] = ScopeSchema.anyOf.map((literal) => literal.const);

const UserSchema = Type.Object(
  {
    id: Type.String({ pattern: '^usr[A-Za-z0-9]{14}$' }),
    email: Type.String({ minLength: 3 }),
    name: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

/** A token as a tokens file declares it. */
export const AccessTokenSchema = Type.Object(
  {
    token: Type.String({ minLength: 8 }),
    user: UserSchema,
    scopes: Type.Array(ScopeSchema),
    /** Base ids the token may use, or `"*"` for every base. */
    bases: Type.Union([
      Type.Literal('*'),
      Type.Array(Type.String({ pattern: '^app[A-Za-z0-9]{14}$' })),
    ]),
  },
  { additionalProperties: false },
);

/** A token the emulator accepts. */
export type AccessToken = Static<typeof AccessTokenSchema>;

/** The shape of the file `AIRTABLE_EMULATOR_TOKENS_FILE` names. */
export const TokensFileSchema = Type.Object(
  { tokens: Type.Array(AccessTokenSchema, { minItems: 1 }) },
  { additionalProperties: false },
);

/**
 * The demo token: shaped like an Airtable PAT (`pat` + 14 characters + `.` + 64 hex digits),
 * published in the README and only ever valid against the emulator. Never use it elsewhere.
 */
export const DEMO_ACCESS_TOKEN =
  'patPyAirtableDemo.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** The user behind the demo token. */
export const DEMO_USER = {
  id: 'usrPyAirtableDemo',
  email: 'demo@pyairtable.local',
  name: 'Demo User',
} as const;

/** The demo token's grant: every scope on every base. */
export function demoAccessToken(): AccessToken {
  return { token: DEMO_ACCESS_TOKEN, user: { ...DEMO_USER }, scopes: [...SCOPES], bases: '*' };
}

/** Finds tokens by their secret. */
export interface TokenRegistry {
  find(token: string): AccessToken | undefined;
}

/** A registry of `tokens`; a token listed twice is a configuration error. */
export function createTokenRegistry(tokens: readonly AccessToken[]): TokenRegistry {
  const byToken = new Map<string, AccessToken>();
  for (const token of tokens) {
    if (byToken.has(token.token)) throw new Error(`token for ${token.user.email} is listed twice`);
    byToken.set(token.token, token);
  }
  return { find: (token) => byToken.get(token) };
}

/** Whether `token` may use base `baseId`. */
export function grantsBase(token: AccessToken, baseId: string): boolean {
  return token.bases === '*' || token.bases.includes(baseId);
}

/** Reads and validates a tokens file; the error names the file and what is wrong. */
export async function readTokensFile(path: string): Promise<AccessToken[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `tokens file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  const [problem] = Value.Errors(TokensFileSchema, parsed);
  if (problem !== undefined) {
    throw new Error(`tokens file ${path}: ${problem.instancePath || '/'} ${problem.message}`);
  }
  return (parsed as Static<typeof TokensFileSchema>).tokens;
}
