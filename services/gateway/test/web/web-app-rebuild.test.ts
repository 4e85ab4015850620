import { existsSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway-harness.ts';

const webDir = path.dirname(createRequire(import.meta.url).resolve('@pyairtable/web/package.json'));
const builtIndex = path.join(webDir, 'build', 'app', 'index.html');
const longAgo = new Date('2001-01-01T00:00:00Z');

// Registered before the gateway boots: its build looks older than every source file.
beforeAll(() => {
  if (existsSync(builtIndex)) utimesSync(builtIndex, longAgo, longAgo);
});
const gateway = useGateway();

describe('a web build older than its sources', () => {
  it('is rebuilt at boot rather than served stale', async () => {
    expect(statSync(builtIndex).mtimeMs).toBeGreaterThan(longAgo.getTime());
    const response = await gateway.request({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
  });
});
