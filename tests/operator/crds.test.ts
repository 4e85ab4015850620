/**
 * The generated Tenant and Workspace CRDs (operator/config/crd) against a real kube-apiserver:
 * they install, the examples apply, the CEL rules reject bad specs with their own messages,
 * and printer columns, short names and the status subresource behave as kubectl users expect.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCESS_TOKEN, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { kubectl } from '../envtest/index.ts';
import type { KubectlResult } from '../envtest/index.ts';

const CRD_DIRECTORY = fileURLToPath(new URL('../../operator/config/crd/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../operator/examples/', import.meta.url));

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  stringData?: Record<string, string>;
  [key: string]: unknown;
}

const kubeconfig = inject('envtestKubeconfig');
let scratch = '';

async function run(args: readonly string[]): Promise<KubectlResult> {
  return kubectl(kubeconfig, args);
}

async function runOk(args: readonly string[]): Promise<string> {
  const result = await run(args);
  expect(result.exitCode, `kubectl ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

/** A namespace of its own for a test (namespaces never finish deleting here: never delete). */
async function freshNamespace(): Promise<string> {
  const namespace = `crds-${randomUUID().slice(0, 8)}`;
  await runOk(['create', 'namespace', namespace]);
  return namespace;
}

/** An example manifest as JSON (kubectl converts it, so no YAML parser is needed here). */
async function example(file: string): Promise<Resource> {
  const json = await runOk([
    'create',
    '--dry-run=client',
    '-o',
    'json',
    '-f',
    path.join(EXAMPLES, file),
  ]);
  return JSON.parse(json) as Resource;
}

/** `object` moved into `namespace`, with `change` applied to a deep copy. */
function inNamespace(
  object: Resource,
  namespace: string,
  change?: (copy: Resource) => void,
): Resource {
  const copy = structuredClone(object);
  copy.metadata.namespace = namespace;
  change?.(copy);
  return copy;
}

async function create(...objects: Resource[]): Promise<KubectlResult> {
  const file = path.join(scratch, `${randomUUID()}.json`);
  await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  return run(['create', '-f', file]);
}

async function get(kind: string, name: string, namespace: string): Promise<Resource> {
  return JSON.parse(await runOk(['get', kind, name, '-n', namespace, '-o', 'json'])) as Resource;
}

function patch(
  kind: string,
  name: string,
  namespace: string,
  body: unknown,
  subresource?: 'status',
) {
  const args = ['patch', kind, name, '-n', namespace, '--type=merge', '-p', JSON.stringify(body)];
  return run(subresource === undefined ? args : [...args, '--subresource=status']);
}

/** The examples' Secret, Tenant and Workspace, created in a fresh namespace. */
async function createExamples(): Promise<{
  namespace: string;
  tenant: Resource;
  workspace: Resource;
}> {
  const namespace = await freshNamespace();
  const [secret, tenant, workspace] = await Promise.all(
    ['secret.yaml', 'tenant.yaml', 'workspace.yaml'].map(example),
  );
  if (secret === undefined || tenant === undefined || workspace === undefined)
    throw new Error('examples missing');
  const created = await create(
    inNamespace(secret, namespace),
    inNamespace(tenant, namespace),
    inNamespace(workspace, namespace),
  );
  expect(created.exitCode, created.stderr).toBe(0);
  return { namespace, tenant, workspace };
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'crds-test-'));
  // Server-side apply with a forced takeover: other suites may have installed the CRDs first.
  await runOk(['apply', '--server-side', '--force-conflicts', '-f', CRD_DIRECTORY]);
  await runOk([
    'wait',
    '--for=condition=Established',
    '--timeout=60s',
    'crd/tenants.pyairtable.io',
    'crd/workspaces.pyairtable.io',
  ]);
});

describe('the Tenant and Workspace CRDs', () => {
  it('take the examples, defaulting the token key and suspend', async () => {
    const { namespace } = await createExamples();
    const tenant = await get('tenant', 'acme', namespace);
    expect(tenant.spec).toMatchObject({
      airtable: { tokenSecretRef: { name: 'acme-airtable', key: 'token' } },
      suspend: false,
    });
    const workspace = await get('workspace', 'acme-sales', namespace);
    expect(workspace.spec).toMatchObject({ tenantRef: { name: 'acme' } });
  });

  it("use the Airtable emulator's demo token and demo base", async () => {
    const secret = await example('secret.yaml');
    expect(secret.stringData?.token).toBe(DEMO_ACCESS_TOKEN);
    const workspace = await example('workspace.yaml');
    expect(workspace.spec).toMatchObject({ airtable: { bases: [DEMO_SALES_BASE_ID] } });
  });

  const invalid: {
    what: string;
    file: 'tenant.yaml' | 'workspace.yaml';
    change: (spec: Record<string, unknown>) => void;
    message: string;
  }[] = [
    {
      what: 'a base id of the wrong shape',
      file: 'workspace.yaml',
      change: (spec) => (spec.airtable = { bases: ['appNotABase'] }),
      message: 'Airtable base ids are "app" and 14 letters or digits',
    },
    {
      what: 'a zero quota',
      file: 'tenant.yaml',
      change: (spec) => (spec.quotas = { maxWorkspaces: 0 }),
      message: 'maxWorkspaces must be at least 1',
    },
    {
      what: 'a negative quota override',
      file: 'workspace.yaml',
      change: (spec) => (spec.quotaOverrides = { llmTokensPerDay: -1000 }),
      message: 'llmTokensPerDay must be at least 1',
    },
    {
      what: 'a quota above the registry maximum',
      file: 'tenant.yaml',
      change: (spec) => (spec.quotas = { airtableRequestsPerSecond: 51 }),
      message: 'airtableRequestsPerSecond must be at most 50',
    },
    {
      what: 'an empty display name',
      file: 'tenant.yaml',
      change: (spec) => (spec.displayName = ''),
      message: 'displayName must not be empty',
    },
    {
      what: 'a blank display name',
      file: 'workspace.yaml',
      change: (spec) => (spec.displayName = '   '),
      message: 'displayName must not be empty',
    },
    {
      what: 'the same member email twice, differently cased',
      file: 'workspace.yaml',
      change: (spec) =>
        (spec.members = [
          { email: 'ana@acme.example', role: 'owner' },
          { email: 'Ana@Acme.example', role: 'viewer' },
        ]),
      message: 'member emails must be unique (compared case-insensitively)',
    },
  ];

  it.each(invalid)('reject $what with the rule’s message', async ({ file, change, message }) => {
    const namespace = await freshNamespace();
    const object = inNamespace(await example(file), namespace, (copy) => {
      change(copy.spec ?? {});
    });
    const result = await create(object);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(message);
  });

  it('keep a workspace on its tenant: tenantRef is immutable, other fields are not', async () => {
    const { namespace } = await createExamples();
    const moved = await patch('workspace', 'acme-sales', namespace, {
      spec: { tenantRef: { name: 'another-tenant' } },
    });
    expect(moved.exitCode).not.toBe(0);
    expect(moved.stderr).toContain('tenantRef is immutable: create a new Workspace to move it');

    const renamed = await patch('workspace', 'acme-sales', namespace, {
      spec: { displayName: 'Acme Sales EMEA' },
    });
    expect(renamed.exitCode, renamed.stderr).toBe(0);
  });

  it('print Ready, Reason and Workspaces for tenants and answer to short names', async () => {
    const { namespace } = await createExamples();
    const status = {
      status: {
        workspaceCount: 1,
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Reconciled',
            message: 'in the registry',
            lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          },
        ],
      },
    };
    const patched = await patch('tenant', 'acme', namespace, status, 'status');
    expect(patched.exitCode, patched.stderr).toBe(0);

    const tenants = (await runOk(['get', 'tenants', '-n', namespace])).trim().split('\n');
    expect(tenants[0]?.split(/\s+/)).toEqual(['NAME', 'READY', 'REASON', 'WORKSPACES', 'AGE']);
    expect(tenants[1]?.split(/\s+/).slice(0, 4)).toEqual(['acme', 'True', 'Reconciled', '1']);

    expect(await runOk(['get', 'tnt', '-n', namespace, '-o', 'name'])).toBe(
      'tenant.pyairtable.io/acme\n',
    );
    const workspaces = (await runOk(['get', 'ws', '-n', namespace])).trim().split('\n');
    expect(workspaces[0]?.split(/\s+/)).toEqual(['NAME', 'TENANT', 'READY', 'REASON', 'AGE']);
    expect(workspaces[1]?.split(/\s+/).slice(0, 2)).toEqual(['acme-sales', 'acme']);

    const everything = await runOk(['get', 'pyairtable', '-n', namespace, '-o', 'name']);
    expect(everything.trim().split('\n').toSorted()).toEqual([
      'tenant.pyairtable.io/acme',
      'workspace.pyairtable.io/acme-sales',
    ]);
  });

  it('write status only through /status, where it leaves metadata.generation alone', async () => {
    const { namespace } = await createExamples();
    const created = await get('workspace', 'acme-sales', namespace);
    expect(created.metadata.generation).toBe(1);

    const statusPatch = await patch(
      'workspace',
      'acme-sales',
      namespace,
      { status: { observedGeneration: 1, workspaceId: 'wks_1', missingBases: [] } },
      'status',
    );
    expect(statusPatch.exitCode, statusPatch.stderr).toBe(0);
    const withStatus = await get('workspace', 'acme-sales', namespace);
    expect(withStatus.metadata.generation).toBe(1);
    expect(withStatus.status).toMatchObject({ observedGeneration: 1, workspaceId: 'wks_1' });

    // Through the main resource, status is ignored (and spec changes bump the generation).
    const mixed = await patch('workspace', 'acme-sales', namespace, {
      spec: { displayName: 'Sales' },
      status: { workspaceId: 'wks_other' },
    });
    expect(mixed.exitCode, mixed.stderr).toBe(0);
    const afterSpec = await get('workspace', 'acme-sales', namespace);
    expect(afterSpec.metadata.generation).toBe(2);
    expect(afterSpec.status).toMatchObject({ workspaceId: 'wks_1' });
  });

  it('check conditions written to /status against metav1.Condition', async () => {
    const { namespace } = await createExamples();
    const result = await patch(
      'tenant',
      'acme',
      namespace,
      {
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'Maybe',
              reason: 'not camel case',
              message: '',
              lastTransitionTime: '2026-01-01T00:00:00Z',
            },
          ],
        },
      },
      'status',
    );
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('status.conditions[0].status');
    expect(result.stderr).toContain('status.conditions[0].reason');
  });
});
