import { register } from 'node:module';
import { instrumentedModuleNames, type ModuleInstrumentation } from './instrumentations.ts';

/**
 * Registers OpenTelemetry's ESM loader hook so that modules imported with `import` (not
 * only `require`) can be patched. Without it `import { Redis } from 'ioredis'` in a service
 * returns the unpatched class and Redis commands produce no spans.
 *
 * Must run before the application's modules are imported, which is why it is called from
 * the `--import` preload (`register.ts`). Only the modules the instrumentations patch are
 * wrapped: import-in-the-middle replaces a module's live bindings with a snapshot, which is
 * safe for those libraries but not for arbitrary application modules.
 */
export function registerEsmLoaderHook(instrumentations: readonly ModuleInstrumentation[]): void {
  const include = instrumentedModuleNames(instrumentations);
  // module.registerHooks (the synchronous successor) is not supported by OpenTelemetry yet:
  // its docs name `@opentelemetry/instrumentation/hook.mjs` the only supported hook.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see the comment above
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include } });
}
