import { Type } from 'typebox';
import type { Static } from 'typebox';
import { PlatformRole, WorkspaceRole } from '@pyairtable/registry';
import type { User } from '@pyairtable/registry';

/** Bounded so a huge body cannot make one sign-in cost more than a normal one. */
const Password = (minLength: number) =>
  Type.String({ minLength, maxLength: 256, description: 'Never logged nor stored in clear.' });

/** A refresh token as issued (`rt_<id>.<secret>`); bounded, its format is checked on use. */
const RefreshToken = Type.String({ minLength: 1, maxLength: 512 });

/** `POST /api/auth/register`. */
export const RegisterBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    username: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 32,
        // No '@', so a login is never ambiguous between one user's email and another's username.
        pattern: '^[a-z0-9_.-]+$',
        description: 'Lower-case letters, digits, `_`, `.` and `-`; another way to sign in.',
      }),
    ),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    password: Password(12),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBodySchema>;

/** `POST /api/auth/login`. */
export const LoginBodySchema = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Email or username.' }),
    // Any length from 1: passwords set before today's rules (or by ADMIN_PASSWORD) still work.
    password: Password(1),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

/** `POST /api/auth/refresh` and `POST /api/auth/logout`. */
export const RefreshTokenBodySchema = Type.Object(
  { refreshToken: RefreshToken },
  { additionalProperties: false },
);
export type RefreshTokenBody = Static<typeof RefreshTokenBodySchema>;

/** A user as the API shows it: never the password hash. */
export const PublicUserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  platformRole: PlatformRole,
});
export type PublicUser = Static<typeof PublicUserSchema>;

/** The fields of `user` the API may show. */
export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    displayName: user.displayName,
    platformRole: user.platformRole,
  };
}

/** `201` of register. */
export const RegisteredSchema = Type.Object({ user: PublicUserSchema });

/** `200` of login and refresh, shaped like an OAuth 2.0 token response in camelCase. */
export const TokenPairSchema = Type.Object({
  accessToken: Type.String({ description: 'A JWT; send it as `Authorization: Bearer <token>`.' }),
  refreshToken: Type.String({
    description: 'Single use: exchange it at /api/auth/refresh for the next pair.',
  }),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires.' }),
  tokenType: Type.Literal('Bearer'),
});
export type TokenPair = Static<typeof TokenPairSchema>;

/** `204` of logout. */
export const SignedOutSchema = Type.Null({ description: 'Signed out (also when already out).' });

/** `200` of me: the caller and the workspaces they are a member of. */
export const MeSchema = Type.Object({
  user: PublicUserSchema,
  workspaces: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      displayName: Type.String(),
      tenantId: Type.String(),
      role: WorkspaceRole,
    }),
  ),
});
export type Me = Static<typeof MeSchema>;
