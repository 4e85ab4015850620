import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { noCrossServiceImport } from './no-cross-service-import.js';

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });

tester.run('no-cross-service-import', noCrossServiceImport, {
  valid: [
    {
      filename: '/repo/operator/src/operator.ts',
      code: "import { createRegistry } from '@pyairtable/registry';",
    },
    {
      filename: '/repo/services/gateway/src/app.ts',
      code: "import { loadConfig } from '@pyairtable/kit';",
    },
    { filename: '/repo/services/gateway/src/app.ts', code: "import { x } from './config.ts';" },
    {
      filename: '/repo/services/gateway/test/app.test.ts',
      code: "import { x } from '../src/app.ts';",
    },
    {
      filename: '/repo/services/gateway/src/routes/auth.ts',
      code: "import { x } from '../../src/app.ts';",
    },
    { filename: '/repo/tests/e2e/flow.test.ts', code: "import { x } from '@pyairtable/gateway';" },
    { filename: '/repo/services/chat/src/app.ts', code: "import fastify from 'fastify';" },
    {
      filename: '/repo/services/mcp/test/tools.test.ts',
      code: "import { buildEmulator } from '@pyairtable/airtable-emulator';",
    },
  ],
  invalid: [
    {
      filename: '/repo/operator/src/operator.ts',
      code: "import { mcpApp } from '@pyairtable/mcp';",
      errors: [{ messageId: 'crossService' }],
    },
    {
      filename: '/repo/services/gateway/src/app.ts',
      code: "import { buildOperator } from '@pyairtable/operator';",
      errors: [{ messageId: 'crossService' }],
    },
    {
      filename: '/repo/services/chat/src/app.ts',
      code: "import { gatewayApp } from '@pyairtable/gateway';",
      errors: [{ messageId: 'crossService' }],
    },
    {
      filename: '/repo/services/chat/src/app.ts',
      code: "import { x } from '../../gateway/src/app.ts';",
      errors: [{ messageId: 'crossService' }],
    },
    {
      filename: '/repo/services/mcp/src/tools/list.ts',
      code: "export { x } from '../../../chat/src/x.ts';",
      errors: [{ messageId: 'crossService' }],
    },
    {
      filename: '/repo/services/mcp/src/app.ts',
      code: "const m = await import('@pyairtable/chat');",
      errors: [{ messageId: 'crossService' }],
    },
  ],
});
