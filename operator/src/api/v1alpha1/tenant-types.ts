import type { KubernetesObject, V1ObjectMeta } from '@kubernetes/client-node';
import { DEFAULT_TENANT_QUOTAS, TenantQuotas } from '@pyairtable/registry';
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Conditions } from './conditions-schema.ts';
import type { API_VERSION } from './group-version.ts';
import { DisplayName, DNS_SUBDOMAIN_MAX_LENGTH, objectName } from './names-schema.ts';
import { quotaSchema } from './quota-schemas.ts';

/** Kind of the Tenant resource. */
export const TENANT_KIND = 'Tenant';
/** Plural (resource) name of the Tenant resource. */
export const TENANT_PLURAL = 'tenants';
/** Short name accepted by kubectl (`kubectl get tnt`). */
export const TENANT_SHORT_NAME = 'tnt';

/** The Secret key read when `tokenSecretRef.key` is left out. */
export const DEFAULT_TOKEN_SECRET_KEY = 'token';

/** The condition types the Tenant controller sets. */
export const TENANT_CONDITION_TYPES = ['Ready', 'CredentialsValid', 'Synced'] as const;

/** Where the tenant's Airtable personal access token lives: a Secret in the same namespace. */
export const TokenSecretRef = Type.Object(
  {
    name: objectName('Name of a Secret in the namespace of the Tenant.'),
    key: Type.Optional(
      Type.String({
        description: `Key of the Secret's data holding the token (default ${DEFAULT_TOKEN_SECRET_KEY}).`,
        default: DEFAULT_TOKEN_SECRET_KEY,
        minLength: 1,
        maxLength: DNS_SUBDOMAIN_MAX_LENGTH,
        pattern: '^[-._a-zA-Z0-9]+$',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TokenSecretRef = Static<typeof TokenSecretRef>;

const { properties: quota } = TenantQuotas;
const defaults = DEFAULT_TENANT_QUOTAS;

/** A tenant's quotas; the registry's bounds, and its defaults for those left out. */
export const TenantSpecQuotas = Type.Object(
  {
    chatRequestsPerMinute: Type.Optional(
      quotaSchema(
        'chatRequestsPerMinute',
        quota.chatRequestsPerMinute,
        `Chat requests per minute across the tenant (default ${defaults.chatRequestsPerMinute}).`,
      ),
    ),
    llmTokensPerDay: Type.Optional(
      quotaSchema(
        'llmTokensPerDay',
        quota.llmTokensPerDay,
        `LLM tokens per UTC day across the tenant (default ${defaults.llmTokensPerDay}).`,
      ),
    ),
    airtableRequestsPerSecond: Type.Optional(
      quotaSchema(
        'airtableRequestsPerSecond',
        quota.airtableRequestsPerSecond,
        `Airtable API requests per second with the tenant's token (default ${defaults.airtableRequestsPerSecond}).`,
      ),
    ),
    maxWorkspaces: Type.Optional(
      quotaSchema(
        'maxWorkspaces',
        quota.maxWorkspaces,
        `Most Workspaces the tenant may have (default ${defaults.maxWorkspaces}).`,
      ),
    ),
  },
  { additionalProperties: false, description: "The tenant's quotas; unset ones take defaults." },
);
export type TenantSpecQuotas = Static<typeof TenantSpecQuotas>;

/** What a Tenant asks for: one Airtable token, shared by its Workspaces, within quotas. */
export const TenantSpec = Type.Object(
  {
    displayName: DisplayName,
    airtable: Type.Object(
      {
        tokenSecretRef: TokenSecretRef,
      },
      { additionalProperties: false, description: "The tenant's Airtable access." },
    ),
    quotas: Type.Optional(TenantSpecQuotas),
    suspend: Type.Optional(
      Type.Boolean({
        description: "Refuse the tenant's chat and Airtable requests while true.",
        default: false,
      }),
    ),
  },
  { additionalProperties: false, description: 'The desired state of a Tenant.' },
);
export type TenantSpec = Static<typeof TenantSpec>;

/** What the operator last observed about a Tenant. */
export const TenantStatus = Type.Object(
  {
    conditions: Type.Optional(Conditions),
    observedGeneration: Type.Optional(
      Type.Integer({
        description: 'The metadata.generation the status was computed from.',
        minimum: 0,
        format: 'int64',
      }),
    ),
    tenantId: Type.Optional(
      Type.String({ description: "The tenant's id in the platform registry.", maxLength: 64 }),
    ),
    airtableUserId: Type.Optional(
      Type.String({ description: 'The Airtable user the token belongs to.', maxLength: 64 }),
    ),
    workspaceCount: Type.Optional(
      Type.Integer({ description: 'How many Workspaces reference the tenant.', minimum: 0 }),
    ),
    credentialCheckedAt: Type.Optional(
      Type.String({
        description: 'When the token was last checked against Airtable.',
        format: 'date-time',
      }),
    ),
    credentialVersion: Type.Optional(
      Type.Integer({
        description: 'Version of the credential stored in the registry.',
        minimum: 0,
        format: 'int64',
      }),
    ),
  },
  { additionalProperties: false, description: 'The observed state of a Tenant.' },
);
export type TenantStatus = Static<typeof TenantStatus>;

/** A Tenant resource as read from the apiserver. */
export interface Tenant extends KubernetesObject {
  apiVersion: typeof API_VERSION;
  kind: typeof TENANT_KIND;
  metadata: V1ObjectMeta;
  spec: TenantSpec;
  status?: TenantStatus;
}
