import { DEFAULT_TENANT_QUOTAS, TenantQuotas } from '@pyairtable/registry';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { allCrds, tenantCrd, workspaceCrd } from '../../src/api/crd-definitions.ts';
import type { CustomResourceDefinition } from '../../src/api/crd-definitions.ts';
import { toStructuralSchema } from '../../src/api/structural-schema.ts';
import type { StructuralSchema } from '../../src/api/structural-schema.ts';

/** Every schema node of `schema` with its path, the root first. */
function* nodes(schema: StructuralSchema, at = ''): Generator<[string, StructuralSchema]> {
  yield [at, schema];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    yield* nodes(child, `${at}.${name}`);
  }
  if (schema.items !== undefined) yield* nodes(schema.items, `${at}[]`);
}

function schemaOf(crd: CustomResourceDefinition): StructuralSchema {
  const version = crd.spec.versions[0];
  if (version === undefined) throw new Error(`${crd.metadata.name} has no version`);
  return version.schema.openAPIV3Schema;
}

function at(schema: StructuralSchema, path: string): StructuralSchema {
  const found = [...nodes(schema)].find(([where]) => where === path)?.[1];
  if (found === undefined) throw new Error(`no schema at ${path}`);
  return found;
}

describe('the CRDs', () => {
  it('are namespaced pyairtable.io/v1alpha1 kinds with a status subresource', () => {
    for (const crd of allCrds()) {
      expect(crd.spec.group).toBe('pyairtable.io');
      expect(crd.spec.scope).toBe('Namespaced');
      expect(crd.spec.names.categories).toEqual(['pyairtable']);
      expect(crd.spec.versions).toHaveLength(1);
      expect(crd.spec.versions[0]).toMatchObject({
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
      });
    }
    expect(tenantCrd().metadata.name).toBe('tenants.pyairtable.io');
    expect(tenantCrd().spec.names.shortNames).toEqual(['tnt']);
    expect(workspaceCrd().metadata.name).toBe('workspaces.pyairtable.io');
    expect(workspaceCrd().spec.names.shortNames).toEqual(['ws']);
  });

  it('have structural schemas: every node typed, no additionalProperties, no JSON Schema ids', () => {
    for (const crd of allCrds()) {
      for (const [path, node] of nodes(schemaOf(crd))) {
        expect(node.type, `${crd.metadata.name} ${path}`).toBeDefined();
        for (const key of ['additionalProperties', '$id', '$schema', 'anyOf', 'const']) {
          expect(Object.keys(node), `${crd.metadata.name} ${path}`).not.toContain(key);
        }
      }
    }
  });

  it('bound every list and string a CEL rule walks, so the apiserver can estimate its cost', () => {
    for (const crd of allCrds()) {
      for (const [path, node] of nodes(schemaOf(crd))) {
        if (node['x-kubernetes-validations'] === undefined) continue;
        for (const [inner, child] of nodes(node, path)) {
          if (child.type === 'array') expect(child.maxItems, inner).toBeDefined();
          if (child.type === 'string' && child.enum === undefined)
            expect(child.maxLength, inner).toBeDefined();
        }
      }
    }
  });

  it("give the tenant's quotas the registry's bounds and a rule naming each quota", () => {
    const quotas = at(schemaOf(tenantCrd()), '.spec.quotas');
    expect(Object.keys(quotas.properties ?? {})).toEqual(Object.keys(DEFAULT_TENANT_QUOTAS));
    expect(quotas.required).toBeUndefined();
    for (const [name, quota] of Object.entries(quotas.properties ?? {})) {
      const registry = TenantQuotas.properties[name as keyof typeof TenantQuotas.properties];
      const { minimum, maximum } = registry as { minimum?: number; maximum?: number };
      expect(quota).toMatchObject({ minimum, maximum });
      expect(minimum).toBe(1);
      expect(quota['x-kubernetes-validations']).toContainEqual({
        rule: 'self >= 1',
        message: `${name} must be at least 1`,
      });
    }
    expect(at(schemaOf(tenantCrd()), '.spec.quotas.llmTokensPerDay').format).toBe('int64');
  });

  it('default the token key and suspend, and keep tenantRef immutable', () => {
    const tenant = schemaOf(tenantCrd());
    expect(at(tenant, '.spec.airtable.tokenSecretRef.key').default).toBe('token');
    expect(at(tenant, '.spec.suspend').default).toBe(false);
    expect(at(schemaOf(workspaceCrd()), '.spec.tenantRef')['x-kubernetes-validations']).toEqual([
      {
        rule: 'self == oldSelf',
        message: 'tenantRef is immutable: create a new Workspace to move it',
      },
    ]);
  });

  it('key workspace members by email and conditions by type', () => {
    const members = at(schemaOf(workspaceCrd()), '.spec.members');
    expect(members).toMatchObject({
      maxItems: 500,
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['email'],
    });
    expect(at(schemaOf(workspaceCrd()), '.spec.members[].role').enum).toEqual([
      'owner',
      'editor',
      'viewer',
    ]);
    expect(at(schemaOf(workspaceCrd()), '.spec.airtable.bases')['x-kubernetes-list-type']).toBe(
      'set',
    );
    for (const crd of allCrds()) {
      expect(at(schemaOf(crd), '.status.conditions')).toMatchObject({
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['type'],
      });
      expect(at(schemaOf(crd), '.status.conditions[].status').enum).toEqual([
        'True',
        'False',
        'Unknown',
      ]);
    }
  });

  it('print Ready, Reason and the workspace count of tenants, and the tenant of workspaces', () => {
    const columns = (crd: CustomResourceDefinition): string[] =>
      (crd.spec.versions[0]?.additionalPrinterColumns ?? [])
        .filter((column) => column.priority === undefined)
        .map((column) => column.name);
    expect(columns(tenantCrd())).toEqual(['Ready', 'Reason', 'Workspaces', 'Age']);
    expect(columns(workspaceCrd())).toEqual(['Tenant', 'Ready', 'Reason', 'Age']);
  });
});

describe('toStructuralSchema', () => {
  it('turns literal unions into enums and large integers into int64', () => {
    const schema = toStructuralSchema(
      Type.Object({
        mode: Type.Union([Type.Literal('a'), Type.Literal('b')]),
        big: Type.Integer({ minimum: 0, maximum: 2 ** 40 }),
        small: Type.Integer({ minimum: 0, maximum: 10 }),
        open: Type.Integer(),
      }),
    );
    expect(schema.properties?.mode).toEqual({ enum: ['a', 'b'], type: 'string' });
    expect(schema.properties?.big?.format).toBe('int64');
    expect(schema.properties?.small?.format).toBeUndefined();
    expect(schema.properties?.open?.format).toBe('int64');
  });

  it('names the path of a construct structural schemas cannot express', () => {
    expect(() =>
      toStructuralSchema(Type.Object({ labels: Type.Record(Type.String(), Type.String()) })),
    ).toThrow(/<root>\.labels: 'patternProperties'/);
    expect(() =>
      toStructuralSchema(Type.Object({ either: Type.Union([Type.String(), Type.Integer()]) })),
    ).toThrow(/<root>\.either: only unions of string or number literals/);
  });
});
