import { Type } from 'typebox';
import type { Static } from 'typebox';
import { WorkspaceRole } from '@pyairtable/registry';
import type { Member } from '@pyairtable/registry';

/** An instant as the API writes it (ISO 8601, UTC). */
export const DateTime = Type.String({ format: 'date-time' });

/** An instant that may not have happened. */
export const OptionalDateTime = Type.Union([DateTime, Type.Null()]);

/** A registry id (`wsp_…`, `ten_…`, `usr_…`, `key_…`); unknown ones answer 404. */
export const RegistryId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** An email address; compared case-insensitively, stored in lower case. */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

/** A display name for people to read. */
export const DisplayName = Type.String({ minLength: 1, maxLength: 200 });

// A DNS label, as Kubernetes names resources.
const SLUG = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';

/** A workspace's name, unique within its tenant: lower case letters, digits and dashes. */
export const WorkspaceName = Type.String({
  pattern: `^${SLUG}$`,
  description: 'Lower case letters, digits and dashes, at most 63; unique within the tenant.',
});

/**
 * A tenant's name: a slug, or `<namespace>/<name>` as the operator names the tenants of
 * Tenant resources.
 */
export const TenantName = Type.String({
  pattern: `^${SLUG}(/${SLUG})?$`,
  description: 'A slug (lower case letters, digits, dashes; at most 63) or <namespace>/<name>.',
});

/** `:id` of a tenant, workspace or user. */
export const IdParams = Type.Object({ id: RegistryId }, { additionalProperties: false });

/** `:id` of a workspace. */
export const WorkspaceParams = Type.Object({ id: RegistryId }, { additionalProperties: false });

/** `:id` of a workspace and `:email` of one of its members. */
export const MemberParams = Type.Object(
  { id: RegistryId, email: Email },
  { additionalProperties: false },
);

/** A workspace member as the API shows it. */
export const MemberSchema = Type.Object({
  email: Email,
  role: WorkspaceRole,
  userId: Type.Union([Type.String(), Type.Null()], {
    description: 'The account with that email, once its owner has signed up.',
  }),
  createdAt: DateTime,
});
export type MemberView = Static<typeof MemberSchema>;

/** A workspace's member list. */
export const MemberListSchema = Type.Object({ members: Type.Array(MemberSchema) });

/** One member as given to the API: email and role. */
export const MemberInputSchema = Type.Object(
  { email: Email, role: WorkspaceRole },
  { additionalProperties: false },
);

/** A registry member as an API object. */
export function toMemberView(member: Member): MemberView {
  return {
    email: member.email,
    role: member.role,
    userId: member.userId,
    createdAt: member.createdAt.toISOString(),
  };
}

/** An optional instant as the API writes it. */
export function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
