import { Type } from 'typebox';
import { loadConfig } from '../config/load-config.ts';

/** The optional servers a test run was given: CI sets both, a developer may set neither. */
export interface TestServers {
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
}

const testServerSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String()),
  REDIS_URL: Type.Optional(Type.String()),
});

/** Reads DATABASE_URL and REDIS_URL; unset or empty means "use the embedded default". */
export function testServers(): TestServers {
  const config = loadConfig(testServerSchema);
  return { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL };
}
