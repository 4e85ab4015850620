import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ManagedBy, TenantQuotas } from '@pyairtable/registry';
import type { Tenant } from '@pyairtable/registry';
import {
  DateTime,
  DisplayName,
  isoOrNull,
  OptionalDateTime,
  TenantName,
} from './tenancy-schemas.ts';

/** A tenant as the admin API shows it: credential status, never the token. */
export const TenantSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  displayName: Type.String(),
  quotas: TenantQuotas,
  suspended: Type.Boolean(),
  managedBy: ManagedBy,
  credential: Type.Object({
    status: Type.Union(
      [
        Type.Literal('missing'),
        Type.Literal('unchecked'),
        Type.Literal('valid'),
        Type.Literal('invalid'),
      ],
      { description: 'Whether an Airtable token is stored and how its last check went.' },
    ),
    version: Type.Integer({ description: 'Bumped each time the token changes.' }),
    message: Type.Union([Type.String(), Type.Null()], { description: 'Why a check failed.' }),
    checkedAt: OptionalDateTime,
    airtableUserId: Type.Union([Type.String(), Type.Null()], {
      description: 'The Airtable user the token belongs to, once checked.',
    }),
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
});
type TenantView = Static<typeof TenantSchema>;

/** Every tenant. */
export const TenantListSchema = Type.Object({ tenants: Type.Array(TenantSchema) });

/** What a new tenant needs. */
export const CreateTenantSchema = Type.Object(
  {
    name: TenantName,
    displayName: DisplayName,
    quotas: Type.Optional(TenantQuotas),
    suspended: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A change to a tenant; quotas left out keep their value. */
export const PatchTenantSchema = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    quotas: Type.Optional(Type.Partial(TenantQuotas, { additionalProperties: false })),
    suspended: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A tenant's Airtable token, to be stored encrypted. */
export const AirtableTokenSchema = Type.Object(
  {
    token: Type.String({
      minLength: 1,
      maxLength: 1024,
      pattern: '^\\S+$',
      description: 'An Airtable personal access token; it is never returned or logged.',
    }),
  },
  { additionalProperties: false },
);

/** A registry tenant as an API object. */
export function toTenantView(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    displayName: tenant.displayName,
    quotas: tenant.quotas,
    suspended: tenant.suspended,
    managedBy: tenant.managedBy,
    // Field by field: whatever else the record may carry one day stays out of responses.
    credential: {
      status: tenant.credential.status,
      version: tenant.credential.version,
      message: tenant.credential.message,
      checkedAt: isoOrNull(tenant.credential.checkedAt),
      airtableUserId: tenant.credential.airtableUserId,
    },
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
