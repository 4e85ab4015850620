import { Type } from 'typebox';
import type { Static } from 'typebox';

/** A member's or API key's role in a workspace; viewers may only read. */
export const WorkspaceRole = Type.Union(
  [Type.Literal('owner'), Type.Literal('editor'), Type.Literal('viewer')],
  { description: 'owner and editor may read and write; viewer may only read.' },
);
export type WorkspaceRole = Static<typeof WorkspaceRole>;

/** Platform-wide role: admins manage tenants and workspaces through the admin API. */
export const PlatformRole = Type.Union([Type.Literal('user'), Type.Literal('admin')]);
export type PlatformRole = Static<typeof PlatformRole>;

/** Who writes an object: the admin API, or the operator from a Kubernetes resource. */
export const ManagedBy = Type.Union([Type.Literal('api'), Type.Literal('operator')]);
export type ManagedBy = Static<typeof ManagedBy>;

/** A tenant's quotas, as the Tenant resource's `spec.quotas` names them. */
export const TenantQuotas = Type.Object(
  {
    chatRequestsPerMinute: Type.Integer({ minimum: 1, maximum: 100_000 }),
    llmTokensPerDay: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }),
    airtableRequestsPerSecond: Type.Integer({ minimum: 1, maximum: 50 }),
    maxWorkspaces: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type TenantQuotas = Static<typeof TenantQuotas>;

/** The quotas a tenant gets when none are given. */
export const DEFAULT_TENANT_QUOTAS: TenantQuotas = {
  chatRequestsPerMinute: 60,
  llmTokensPerDay: 1_000_000,
  airtableRequestsPerSecond: 5,
  maxWorkspaces: 10,
};

/** Per-workspace tightening of the tenant's quotas; never above them. */
export const WorkspaceQuotaOverrides = Type.Object(
  {
    chatRequestsPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    llmTokensPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000_000 })),
    airtableRequestsPerSecond: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type WorkspaceQuotaOverrides = Static<typeof WorkspaceQuotaOverrides>;

/** The LLM settings a workspace may choose; unset ones fall back to the deployment's. */
export const ModelSettings = Type.Object(
  {
    model: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9.:/_-]+$' }),
    ),
    thinkingBudget: Type.Optional(Type.Integer({ minimum: -1, maximum: 32_768 })),
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
    maxSteps: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type ModelSettings = Static<typeof ModelSettings>;

/** An Airtable base id: `app` and 14 letters or digits. */
export const AirtableBaseId = Type.String({ pattern: '^app[A-Za-z0-9]{14}$' });

/** How far a tenant's Airtable token has been checked. */
export type CredentialStatus = 'missing' | 'unchecked' | 'valid' | 'invalid';
