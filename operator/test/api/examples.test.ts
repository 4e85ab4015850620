import { readFile, readdir } from 'node:fs/promises';
import { loadAllYaml } from '@kubernetes/client-node';
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { API_VERSION, TenantSpec, WorkspaceSpec } from '../../src/api/v1alpha1/index.ts';
import type { Tenant, Workspace } from '../../src/api/v1alpha1/index.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url);

async function load(file: string): Promise<KubernetesObject[]> {
  return loadAllYaml(await readFile(new URL(file, EXAMPLES), 'utf8')) as KubernetesObject[];
}

async function loadOne<T extends KubernetesObject>(file: string): Promise<T> {
  const [object, ...rest] = await load(file);
  expect(rest, `${file} holds one object`).toHaveLength(0);
  if (object === undefined) throw new Error(`${file} is empty`);
  return object as T;
}

function errorsOf(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((error) => `${error.instancePath} ${error.message}`);
}

describe('the examples', () => {
  it('are a namespace, a Secret, a Tenant and a Workspace, all in pyairtable-demo', async () => {
    const files = (await readdir(EXAMPLES)).filter((file) => file.endsWith('.yaml')).toSorted();
    expect(files).toEqual(['namespace.yaml', 'secret.yaml', 'tenant.yaml', 'workspace.yaml']);
    const objects = (await Promise.all(files.map(load))).flat();
    expect(objects.map((object) => object.kind)).toEqual([
      'Namespace',
      'Secret',
      'Tenant',
      'Workspace',
    ]);
    const [namespace, ...namespaced] = objects;
    expect(namespace?.metadata?.name).toBe('pyairtable-demo');
    for (const object of namespaced) expect(object.metadata?.namespace).toBe('pyairtable-demo');
  });

  it('give a Tenant spec that validates and points at the Secret holding the token', async () => {
    const tenant = await loadOne<Tenant>('tenant.yaml');
    const secret = await loadOne<V1Secret>('secret.yaml');
    expect(tenant.apiVersion).toBe(API_VERSION);
    expect(errorsOf(TenantSpec, tenant.spec)).toEqual([]);
    const { name, key = 'token' } = tenant.spec.airtable.tokenSecretRef;
    expect(secret.metadata?.name).toBe(name);
    expect(secret.stringData?.[key]).toMatch(/^pat[A-Za-z0-9]{14}\.[0-9a-f]{64}$/);
  });

  it('give a Workspace spec that validates, of the example tenant', async () => {
    const workspace = await loadOne<Workspace>('workspace.yaml');
    expect(workspace.apiVersion).toBe(API_VERSION);
    expect(errorsOf(WorkspaceSpec, workspace.spec)).toEqual([]);
    expect(workspace.spec.tenantRef.name).toBe(
      (await loadOne<Tenant>('tenant.yaml')).metadata.name,
    );
    expect(workspace.spec.members?.map((member) => member.role).toSorted()).toEqual([
      'editor',
      'owner',
      'viewer',
    ]);
    expect(workspace.spec.quotaOverrides).toBeDefined();
  });

  it('would be caught by the spec schemas if broken', async () => {
    const workspace = await loadOne<Workspace>('workspace.yaml');
    const broken = {
      ...workspace.spec,
      airtable: { bases: ['appTooShort'] },
      members: [{ email: 'not an email', role: 'admin' }],
      quotaOverrides: { chatRequestsPerMinute: 0 },
    };
    const errors = errorsOf(WorkspaceSpec, broken).join('\n');
    expect(errors).toContain('/airtable/bases/0');
    expect(errors).toContain('/members/0/email');
    expect(errors).toContain('/members/0/role');
    expect(errors).toContain('/quotaOverrides/chatRequestsPerMinute');
  });
});
