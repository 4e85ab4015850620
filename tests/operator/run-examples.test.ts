import { describe, expect, it } from 'vitest';
import { runExamples } from './run-examples.ts';

describe('npm run operator:examples', () => {
  it(
    'applies the CRDs and the examples, and kubectl wait sees the tenant and workspace Ready',
    { timeout: 180_000 },
    async () => {
      const steps = await runExamples(() => undefined);
      expect(steps.map((step) => step.exitCode)).toEqual([0, 0, 0, 0, 0]);
      const wait = steps.find((step) => step.command.includes('--for=condition=Ready'));
      expect(wait?.output).toContain('tenant.pyairtable.io/acme condition met');
      expect(wait?.output).toContain('workspace.pyairtable.io/acme-sales condition met');
      const table = steps.at(-1)?.output ?? '';
      expect(table).toMatch(/acme\s+True\s+Ready\s+1/);
    },
  );
});
