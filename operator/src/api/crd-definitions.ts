import type { KubernetesObject, V1ObjectMeta } from '@kubernetes/client-node';
import type { TSchema } from 'typebox';
import { toStructuralSchema } from './structural-schema.ts';
import type { StructuralSchema } from './structural-schema.ts';
import {
  CATEGORY,
  GROUP,
  TENANT_KIND,
  TENANT_PLURAL,
  TENANT_SHORT_NAME,
  TenantSpec,
  TenantStatus,
  VERSION,
  WORKSPACE_KIND,
  WORKSPACE_PLURAL,
  WORKSPACE_SHORT_NAME,
  WorkspaceSpec,
  WorkspaceStatus,
} from './v1alpha1/index.ts';

/** A column of `kubectl get`. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

/**
 * An `apiextensions.k8s.io/v1` CustomResourceDefinition in its wire form, as kubectl and
 * server-side apply take it. (client-node's `V1CustomResourceDefinition` model spells the
 * schema keys in camelCase, `xKubernetesValidations`, and only its serializer maps them back.)
 */
export interface CustomResourceDefinition extends KubernetesObject {
  readonly apiVersion: 'apiextensions.k8s.io/v1';
  readonly kind: 'CustomResourceDefinition';
  readonly metadata: V1ObjectMeta & { name: string };
  readonly spec: {
    readonly group: string;
    readonly names: {
      readonly kind: string;
      readonly listKind: string;
      readonly plural: string;
      readonly singular: string;
      readonly shortNames: readonly string[];
      readonly categories: readonly string[];
    };
    readonly scope: 'Namespaced';
    readonly versions: readonly {
      readonly name: string;
      readonly served: boolean;
      readonly storage: boolean;
      readonly schema: { readonly openAPIV3Schema: StructuralSchema };
      readonly subresources: { readonly status: Record<string, never> };
      readonly additionalPrinterColumns: readonly PrinterColumn[];
    }[];
  };
}

interface KindDefinition {
  readonly kind: string;
  readonly plural: string;
  readonly shortName: string;
  readonly description: string;
  readonly spec: TSchema;
  readonly status: TSchema;
  readonly columns: readonly PrinterColumn[];
}

const readyColumns: readonly PrinterColumn[] = [
  {
    name: 'Ready',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Ready")].status',
    description: 'Whether the resource is in the registry and usable.',
  },
  {
    name: 'Reason',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Ready")].reason',
    description: 'Why it is or is not ready.',
  },
];

const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

function rootSchema(definition: KindDefinition): StructuralSchema {
  return {
    description: definition.description,
    type: 'object',
    properties: {
      apiVersion: {
        description: 'The versioned schema of this representation of an object.',
        type: 'string',
      },
      kind: { description: 'The REST resource this object represents.', type: 'string' },
      metadata: { type: 'object' },
      spec: toStructuralSchema(definition.spec, 'spec'),
      status: toStructuralSchema(definition.status, 'status'),
    },
    required: ['spec'],
  };
}

function customResourceDefinition(definition: KindDefinition): CustomResourceDefinition {
  const { kind, plural, shortName } = definition;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${GROUP}` },
    spec: {
      group: GROUP,
      names: {
        kind,
        listKind: `${kind}List`,
        plural,
        singular: kind.toLowerCase(),
        shortNames: [shortName],
        categories: [CATEGORY],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: rootSchema(definition) },
          subresources: { status: {} },
          additionalPrinterColumns: definition.columns,
        },
      ],
    },
  };
}

/** The CRD of Tenant: one Airtable token and the quotas of a customer. */
export function tenantCrd(): CustomResourceDefinition {
  return customResourceDefinition({
    kind: TENANT_KIND,
    plural: TENANT_PLURAL,
    shortName: TENANT_SHORT_NAME,
    description:
      'A customer of the platform: its Airtable token (in a Secret) and quotas, shared by the Workspaces that reference it.',
    spec: TenantSpec,
    status: TenantStatus,
    columns: [
      ...readyColumns,
      {
        name: 'Workspaces',
        type: 'integer',
        jsonPath: '.status.workspaceCount',
        description: 'How many Workspaces reference the tenant.',
      },
      { name: 'Suspended', type: 'boolean', jsonPath: '.spec.suspend', priority: 1 },
      ageColumn,
    ],
  });
}

/** The CRD of Workspace: some of a tenant's bases, the people allowed to chat over them. */
export function workspaceCrd(): CustomResourceDefinition {
  return customResourceDefinition({
    kind: WORKSPACE_KIND,
    plural: WORKSPACE_PLURAL,
    shortName: WORKSPACE_SHORT_NAME,
    description:
      "A place to chat over some of a Tenant's Airtable bases: the bases allowed, its members and their roles, optional tighter quotas and model settings.",
    spec: WorkspaceSpec,
    status: WorkspaceStatus,
    columns: [
      {
        name: 'Tenant',
        type: 'string',
        jsonPath: '.spec.tenantRef.name',
        description: 'The Tenant the workspace belongs to.',
      },
      ...readyColumns,
      {
        name: 'Bases',
        type: 'string',
        jsonPath: '.spec.airtable.bases',
        description: 'The Airtable bases allowed.',
        priority: 1,
      },
      ageColumn,
    ],
  });
}

/** Both CRDs, Tenant first. */
export function allCrds(): CustomResourceDefinition[] {
  return [tenantCrd(), workspaceCrd()];
}
