import type { EmulatorBase } from './emulator-tokens.ts';
import type { StackSecrets } from './stack-secrets.ts';

/** The demo tenant, workspace and accounts `npm start` makes sure exist. */
export interface DemoPlatform {
  readonly admin: { readonly email: string; readonly password: string };
  readonly user: { readonly email: string; readonly password: string };
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly apiKey: string;
}

export const DEMO_ADMIN_EMAIL = 'admin@pyairtable.local';
export const DEMO_USER_EMAIL = 'demo@pyairtable.local';

interface Options {
  readonly gatewayUrl: string;
  readonly secrets: StackSecrets;
  readonly airtableToken: string;
  readonly bases: readonly EmulatorBase[];
  /** Stores a newly made API key, which the registry itself keeps only as a hash. */
  readonly saveApiKey: (apiKey: string) => void;
}

/**
 * Sets up the demo through the gateway's public API, as a platform team would without
 * Kubernetes: the admin (ensured by the gateway from ADMIN_EMAIL) creates the tenant with the
 * emulator's token and a workspace over the demo bases; the demo user signs up and owns it and
 * its API key. Idempotent: on later starts it finds what exists and only fills gaps.
 */
export async function ensureDemoPlatform(options: Options): Promise<DemoPlatform> {
  const api = client(options.gatewayUrl);
  const admin = await api.login(DEMO_ADMIN_EMAIL, options.secrets.adminPassword);
  const user = await signIn(api, options.secrets.demoPassword);

  const { tenants } = await api.call<{ tenants: { id: string; name: string }[] }>(
    admin,
    'GET',
    '/api/admin/tenants',
  );
  const tenant =
    tenants.find((candidate) => candidate.name === 'demo') ??
    (await api.call<{ id: string }>(admin, 'POST', '/api/admin/tenants', {
      name: 'demo',
      displayName: 'Demo',
    }));
  await api.call(admin, 'PUT', `/api/admin/tenants/${tenant.id}/airtable-token`, {
    token: options.airtableToken,
  });

  const { workspaces } = await api.call<{ workspaces: { id: string; name: string }[] }>(
    admin,
    'GET',
    `/api/admin/workspaces?tenantId=${tenant.id}`,
  );
  const existing = workspaces.find((candidate) => candidate.name === 'demo');
  const allowedBaseIds = options.bases.map((base) => base.id);
  const members = [{ email: DEMO_USER_EMAIL, role: 'owner' }];
  const workspace =
    existing === undefined
      ? await api.call<{ id: string }>(admin, 'POST', '/api/admin/workspaces', {
          tenantId: tenant.id,
          name: 'demo',
          displayName: 'Demo workspace',
          allowedBaseIds,
          members,
        })
      : await api.call<{ id: string }>(admin, 'PATCH', `/api/admin/workspaces/${existing.id}`, {
          allowedBaseIds,
          members,
        });

  let apiKey = options.secrets.demoApiKey;
  const { apiKeys } = await api.call<{ apiKeys: { id: string; revokedAt: string | null }[] }>(
    user,
    'GET',
    `/api/workspaces/${workspace.id}/api-keys`,
  );
  const stillValid =
    apiKey !== undefined &&
    apiKeys.some((key) => key.revokedAt === null && apiKey?.includes(key.id));
  if (!stillValid) {
    const created = await api.call<{ secret: string }>(
      user,
      'POST',
      `/api/workspaces/${workspace.id}/api-keys`,
      {
        name: 'npm start demo',
        role: 'editor',
      },
    );
    apiKey = created.secret;
    options.saveApiKey(apiKey);
  }
  if (apiKey === undefined) throw new Error('the demo API key could not be made');
  return {
    admin: { email: DEMO_ADMIN_EMAIL, password: options.secrets.adminPassword },
    user: { email: DEMO_USER_EMAIL, password: options.secrets.demoPassword },
    tenantId: tenant.id,
    workspaceId: workspace.id,
    apiKey,
  };
}

async function signIn(api: ReturnType<typeof client>, password: string): Promise<string> {
  const token = await api.tryLogin(DEMO_USER_EMAIL, password);
  if (token !== undefined) return token;
  await api.call(undefined, 'POST', '/api/auth/register', {
    email: DEMO_USER_EMAIL,
    username: 'demo',
    displayName: 'Demo user',
    password,
  });
  return api.login(DEMO_USER_EMAIL, password);
}

function client(gatewayUrl: string) {
  const call = async <T = unknown>(
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string };
      throw new Error(
        `${method} ${path} answered ${String(response.status)}: ${problem.detail ?? 'no detail'}`,
      );
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const tryLogin = async (login: string, password: string): Promise<string | undefined> => {
    const response = await fetch(`${gatewayUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    if (response.status === 401) return undefined;
    if (!response.ok) throw new Error(`login answered ${String(response.status)}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  return {
    call,
    tryLogin,
    async login(login: string, password: string): Promise<string> {
      const token = await tryLogin(login, password);
      if (token === undefined)
        throw new Error(`${login} could not sign in with the password in .data/secrets.json`);
      return token;
    },
  };
}
