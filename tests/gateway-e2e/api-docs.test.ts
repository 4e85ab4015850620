import { describe, expect, it } from 'vitest';
import { useFullPlatform } from '../support/full-platform.ts';

const running = useFullPlatform();

async function paths(path: string): Promise<string[]> {
  const response = await fetch(`${running.platform.gatewayUrl}${path}`);
  expect(response.status, path).toBe(200);
  return Object.keys(((await response.json()) as { paths: Record<string, unknown> }).paths);
}

describe('the public API documentation', () => {
  it('serves the documents of the gateway, chat and the Airtable API through the gateway', async () => {
    expect(await paths('/api/openapi.json')).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/workspaces',
        '/api/admin/tenants',
        '/api/health',
      ]),
    );
    expect(await paths('/api/chat/openapi.json')).toEqual(
      expect.arrayContaining([
        '/api/chat/sessions',
        '/api/chat/sessions/{id}/messages',
        '/api/chat/sessions/{id}/cancel',
      ]),
    );
    expect(await paths('/api/airtable/openapi.json')).toEqual(
      expect.arrayContaining([
        '/api/v1/airtable/bases',
        '/api/v1/airtable/bases/{baseId}/tables/{table}/records',
      ]),
    );
  });

  it('lists all three documents in the docs UI', async () => {
    const config = await fetch(`${running.platform.gatewayUrl}/api/docs/json`).then(
      async (response) => (response.status === 200 ? response.text() : ''),
    );
    const initializer = await fetch(
      `${running.platform.gatewayUrl}/api/docs/static/swagger-initializer.js`,
    ).then((response) => response.text());
    const ui = `${config}${initializer}`;
    for (const document of [
      '/api/openapi.json',
      '/api/chat/openapi.json',
      '/api/airtable/openapi.json',
    ]) {
      expect(ui).toContain(document);
    }
  });
});
