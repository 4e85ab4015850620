/**
 * The chart sets exactly the variables the services read: every variable of every rendered
 * container is declared by that component's config schema (services/<name>/src/config.ts,
 * operator/src/operator-config.ts, the migration command's DATABASE_URL), and the services' own
 * config loader accepts the rendered environment as it stands (types, ranges, patterns, and
 * every required variable present).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { emulatorConfigSchema } from '@pyairtable/airtable-emulator';
import { chatConfigSchema } from '@pyairtable/chat';
import { gatewayConfigSchema } from '@pyairtable/gateway';
import { loadConfig } from '@pyairtable/kit';
import { mcpConfigSchema } from '@pyairtable/mcp';
import { operatorConfigSchema } from '@pyairtable/operator';
import { Type } from 'typebox';
import type { TObject } from 'typebox';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import { KEDA_RENDERING, ofKind, renderObjects, RENDERINGS } from './support/helm-chart.ts';
import { allContainers, containerEnvironment, renderedPods } from './support/pod-specs.ts';
import type { EnvSource } from './support/pod-specs.ts';

/** The schema each component's process loads its environment with. */
const SCHEMAS: Readonly<Record<string, TObject>> = {
  gateway: gatewayConfigSchema,
  chat: chatConfigSchema,
  mcp: mcpConfigSchema,
  operator: operatorConfigSchema,
  'airtable-emulator': emulatorConfigSchema,
  // services/kit/src/postgres/migrate-command.ts reads DATABASE_URL only.
  migrations: Type.Object({ DATABASE_URL: Type.String({ minLength: 1 }) }),
};

/** Stand-ins for what existing Secrets and the downward API hold in a cluster. */
const CLUSTER_VALUES: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgres://app:password@pyairtable-db-rw:5432/app',
  REDIS_URL: 'redis://redis:6379',
  SECRET_ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 1).toString('base64')}`,
  GEMINI_API_KEY: 'gemini-key',
  LLM_API_KEY: 'llm-key',
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'a-long-admin-password',
  'metadata.name': 'pyairtable-operator-5d9c7-abcde',
};

const rendered = new Map<string, KubernetesObject[]>();

beforeAll(async () => {
  await ensureGoTool('helm');
  for (const rendering of [...RENDERINGS, KEDA_RENDERING])
    rendered.set(rendering.name, await renderObjects(rendering));
}, 30 * 60_000);

/** A variable's value as the pod would see it. */
function resolve(source: EnvSource, objects: readonly KubernetesObject[], name: string): string {
  switch (source.from) {
    case 'configMap':
    case 'value':
      return source.value;
    case 'field':
      return CLUSTER_VALUES[source.fieldPath] ?? '';
    case 'secret': {
      const own = ofKind(objects, 'Secret').find(
        (secret) => secret.metadata?.name === source.secret,
      );
      const value = own?.stringData?.[source.key] ?? CLUSTER_VALUES[name];
      if (value === undefined)
        throw new Error(`${name}: nothing for secret ${source.secret}/${source.key}`);
      return value;
    }
  }
}

describe.each([...RENDERINGS, KEDA_RENDERING].map((rendering) => rendering.name))(
  'the %s rendering',
  (name) => {
    it('sets only variables the component declares, in a form its config loader accepts', () => {
      const objects = rendered.get(name) ?? [];
      const pods = renderedPods(objects);
      expect(pods.map((pod) => pod.component)).toEqual(
        expect.arrayContaining(['gateway', 'chat', 'mcp', 'operator', 'migrations']),
      );
      for (const pod of pods) {
        const schema = SCHEMAS[pod.component];
        if (schema === undefined) throw new Error(`no schema for component ${pod.component}`);
        const declared = Object.keys(schema.properties);
        for (const container of allContainers(pod.spec)) {
          const where = `${pod.name}/${container.name}`;
          const environment = containerEnvironment(container, objects);
          for (const variable of environment.keys())
            expect(declared, `${where} sets ${variable}`).toContain(variable);
          const values = Object.fromEntries(
            [...environment].map(([variable, source]) => [
              variable,
              resolve(source, objects, variable),
            ]),
          );
          expect(() => loadConfig(schema, values), where).not.toThrow();
        }
      }
    });

    it('wires the components to each other’s Services', () => {
      const objects = rendered.get(name) ?? [];
      const gateway = renderedPods(objects).find((pod) => pod.component === 'gateway');
      const chat = renderedPods(objects).find((pod) => pod.component === 'chat');
      if (gateway?.spec.containers[0] === undefined || chat?.spec.containers[0] === undefined)
        throw new Error('gateway or chat missing');
      const url = (container: (typeof gateway.spec.containers)[0], variable: string) => {
        const source = containerEnvironment(container, objects).get(variable);
        return source?.from === 'configMap' ? source.value : undefined;
      };
      expect(url(gateway.spec.containers[0], 'CHAT_URL')).toBe(
        'http://pyairtable-chat.pyairtable.svc:8003',
      );
      expect(url(gateway.spec.containers[0], 'MCP_URL')).toBe(
        'http://pyairtable-mcp.pyairtable.svc:8001',
      );
      expect(url(chat.spec.containers[0], 'GATEWAY_JWKS_URL')).toBe(
        'http://pyairtable-gateway.pyairtable.svc:8000/.well-known/jwks.json',
      );
      expect(url(chat.spec.containers[0], 'PORT')).toBe('8003');
    });
  },
);
