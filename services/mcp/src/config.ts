import { Type } from 'typebox';
import type { Static } from 'typebox';
import { defineServiceConfig, storeConfigProperties } from '@pyairtable/kit';
import { accessTokenConfigProperties, registryConfigProperties } from '@pyairtable/registry';

/** mcp's environment: the shared service variables, the registry, token checks and Airtable. */
export const mcpConfigSchema = defineServiceConfig(8001, {
  ...registryConfigProperties,
  ...accessTokenConfigProperties,
  ...storeConfigProperties,
  /** Airtable's API, or the emulator's URL. */
  AIRTABLE_ENDPOINT_URL: Type.String({ format: 'uri', default: 'https://api.airtable.com' }),
  /** How long a resolved caller (role, workspace, tenant) is reused before asking the registry. */
  ACCESS_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 30_000 }),
});

/** mcp's validated, frozen configuration. */
export type McpConfig = Readonly<Static<typeof mcpConfigSchema>>;
