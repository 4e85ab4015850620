import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway-harness.ts';

const gateway = useGateway();

/** The bundle index.html loads, as a path. */
async function scriptPath(): Promise<string> {
  const response = await gateway.request({ method: 'GET', url: '/' });
  const match = /<script type="module" src="([^"]+)"><\/script>/.exec(response.body);
  if (match?.[1] === undefined) throw new Error('index.html has no module script');
  return match[1];
}

describe('the web app', () => {
  it('serves index.html at / with its bundle, never cached, under the CSP', async () => {
    const response = await gateway.request({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(await scriptPath()).toMatch(/^\/assets\/main-[A-Z0-9]+\.js$/);
  });

  it('serves the hashed bundle as JavaScript, cached for good', async () => {
    const response = await gateway.request({ method: 'GET', url: await scriptPath() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers app paths such as /chat/x with index.html', async () => {
    for (const url of ['/chat/x', '/w/wsp_1/chat/ses_2?tab=1']) {
      const response = await gateway.request({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<div id="app">');
    }
  });

  it('keeps problem+json 404s for API and platform paths and missing files', async () => {
    for (const url of ['/api/nope', '/.well-known/nope', '/favicon.ico', '/assets/gone-1234.js']) {
      const response = await gateway.request({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
