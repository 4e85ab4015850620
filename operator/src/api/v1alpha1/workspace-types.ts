import type { KubernetesObject, V1ObjectMeta } from '@kubernetes/client-node';
import {
  AirtableBaseId,
  ModelSettings,
  WorkspaceQuotaOverrides,
  WorkspaceRole,
} from '@pyairtable/registry';
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Conditions } from './conditions-schema.ts';
import type { API_VERSION } from './group-version.ts';
import { DisplayName, objectName } from './names-schema.ts';
import { quotaSchema } from './quota-schemas.ts';

/** Kind of the Workspace resource. */
export const WORKSPACE_KIND = 'Workspace';
/** Plural (resource) name of the Workspace resource. */
export const WORKSPACE_PLURAL = 'workspaces';
/** Short name accepted by kubectl (`kubectl get ws`). */
export const WORKSPACE_SHORT_NAME = 'ws';

/** The condition types the Workspace controller sets. */
export const WORKSPACE_CONDITION_TYPES = [
  'Ready',
  'BasesAccessible',
  'Synced',
  'QuotasClamped',
] as const;

/** Most bases one Workspace may allow. */
export const MAX_WORKSPACE_BASES = 100;
/** Most members one Workspace may list (also bounds the cost of its CEL rules). */
export const MAX_WORKSPACE_MEMBERS = 500;

const basePattern = (AirtableBaseId as { pattern?: unknown }).pattern;
if (typeof basePattern !== 'string')
  throw new TypeError("the registry's AirtableBaseId has no pattern");

/** An Airtable base id, checked as the registry checks it. */
export const BaseId = Type.String({
  description: 'An Airtable base id, e.g. appmHgZ6xqMi4F07F.',
  // `app` and 14 characters; the bound lets the apiserver estimate the cost of CEL rules.
  maxLength: 17,
  pattern: basePattern,
  'x-kubernetes-validations': [
    {
      rule: `self.matches('${basePattern}')`,
      message: 'Airtable base ids are "app" and 14 letters or digits, e.g. appmHgZ6xqMi4F07F',
    },
  ],
});

/** A person allowed into the Workspace, by email, with a role. */
export const WorkspaceMember = Type.Object(
  {
    email: Type.String({
      description: "The member's email; compared case-insensitively.",
      format: 'email',
      minLength: 3,
      maxLength: 254,
    }),
    role: WorkspaceRole,
  },
  { additionalProperties: false },
);
export type WorkspaceMember = Static<typeof WorkspaceMember>;

const { properties: override } = WorkspaceQuotaOverrides;

/** Per-workspace quotas; never above the tenant's (higher ones are clamped). */
export const WorkspaceSpecQuotaOverrides = Type.Object(
  {
    chatRequestsPerMinute: Type.Optional(
      quotaSchema(
        'chatRequestsPerMinute',
        override.chatRequestsPerMinute,
        'Chat requests per minute in this workspace.',
      ),
    ),
    llmTokensPerDay: Type.Optional(
      quotaSchema('llmTokensPerDay', override.llmTokensPerDay, 'LLM tokens per UTC day.'),
    ),
    airtableRequestsPerSecond: Type.Optional(
      quotaSchema(
        'airtableRequestsPerSecond',
        override.airtableRequestsPerSecond,
        'Airtable API requests per second from this workspace.',
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      "Tighter quotas than the tenant's; values above the tenant's are clamped (condition QuotasClamped).",
  },
);
export type WorkspaceSpecQuotaOverrides = Static<typeof WorkspaceSpecQuotaOverrides>;

/** What a Workspace asks for: some of its tenant's bases, for some people, within quotas. */
export const WorkspaceSpec = Type.Object(
  {
    tenantRef: Type.Object(
      { name: objectName('Name of a Tenant in the namespace of the Workspace.') },
      {
        additionalProperties: false,
        description: 'The Tenant whose Airtable token and quotas the workspace uses.',
        'x-kubernetes-validations': [
          {
            rule: 'self == oldSelf',
            message: 'tenantRef is immutable: create a new Workspace to move it',
          },
        ],
      },
    ),
    displayName: DisplayName,
    airtable: Type.Object(
      {
        bases: Type.Array(BaseId, {
          description: 'The Airtable bases the workspace may read and write.',
          minItems: 1,
          maxItems: MAX_WORKSPACE_BASES,
          'x-kubernetes-list-type': 'set',
        }),
      },
      { additionalProperties: false, description: "The workspace's Airtable access." },
    ),
    members: Type.Optional(
      Type.Array(WorkspaceMember, {
        description: 'Who may use the workspace, and how.',
        maxItems: MAX_WORKSPACE_MEMBERS,
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['email'],
        'x-kubernetes-validations': [
          {
            // distinct() (Kubernetes 1.35+) keeps this linear: an all/exists_one pair over
            // 500 members costs more than the apiserver allows one rule.
            rule: 'self.map(m, m.email.lowerAscii()).distinct().size() == self.size()',
            message: 'member emails must be unique (compared case-insensitively)',
          },
        ],
      }),
    ),
    quotaOverrides: Type.Optional(WorkspaceSpecQuotaOverrides),
    model: Type.Optional(
      Type.Object(ModelSettings.properties, {
        additionalProperties: false,
        description: "LLM settings; unset ones take the deployment's.",
      }),
    ),
  },
  { additionalProperties: false, description: 'The desired state of a Workspace.' },
);
export type WorkspaceSpec = Static<typeof WorkspaceSpec>;

/** A base the operator found with the tenant's token. */
export const ResolvedBase = Type.Object(
  {
    id: Type.String({ description: 'The base id.', maxLength: 17 }),
    name: Type.String({ description: "The base's name in Airtable.", maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type ResolvedBase = Static<typeof ResolvedBase>;

/** What the operator last observed about a Workspace. */
export const WorkspaceStatus = Type.Object(
  {
    conditions: Type.Optional(Conditions),
    observedGeneration: Type.Optional(
      Type.Integer({
        description: 'The metadata.generation the status was computed from.',
        minimum: 0,
        format: 'int64',
      }),
    ),
    workspaceId: Type.Optional(
      Type.String({ description: "The workspace's id in the platform registry.", maxLength: 64 }),
    ),
    bases: Type.Optional(
      Type.Array(ResolvedBase, {
        description: 'The allowed bases the tenant token can reach, with their names.',
        maxItems: MAX_WORKSPACE_BASES,
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['id'],
      }),
    ),
    missingBases: Type.Optional(
      Type.Array(Type.String({ maxLength: 17 }), {
        description: "Allowed bases the tenant's token cannot reach.",
        maxItems: MAX_WORKSPACE_BASES,
        'x-kubernetes-list-type': 'set',
      }),
    ),
  },
  { additionalProperties: false, description: 'The observed state of a Workspace.' },
);
export type WorkspaceStatus = Static<typeof WorkspaceStatus>;

/** A Workspace resource as read from the apiserver. */
export interface Workspace extends KubernetesObject {
  apiVersion: typeof API_VERSION;
  kind: typeof WORKSPACE_KIND;
  metadata: V1ObjectMeta;
  spec: WorkspaceSpec;
  status?: WorkspaceStatus;
}
