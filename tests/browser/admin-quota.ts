import type { StackDemo } from '@pyairtable/local-stack';

/**
 * Sets the demo tenant's daily LLM token quota through the gateway's admin API, as a platform
 * admin would; returns the quota it replaced so the caller can put it back.
 */
export async function setDailyTokenQuota(
  gatewayUrl: string,
  demo: StackDemo,
  llmTokensPerDay: number,
): Promise<number> {
  const login = await fetch(`${gatewayUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: demo.admin.email, password: demo.admin.password }),
  });
  if (!login.ok) throw new Error(`admin sign-in failed: ${String(login.status)}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const tenantUrl = `${gatewayUrl}/api/admin/tenants/${demo.tenantId}`;
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const current = await fetch(tenantUrl, { headers });
  if (!current.ok) throw new Error(`reading the tenant failed: ${String(current.status)}`);
  const previous = ((await current.json()) as { quotas: { llmTokensPerDay: number } }).quotas;
  const changed = await fetch(tenantUrl, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ quotas: { llmTokensPerDay } }),
  });
  if (!changed.ok) throw new Error(`changing the quota failed: ${String(changed.status)}`);
  return previous.llmTokensPerDay;
}
