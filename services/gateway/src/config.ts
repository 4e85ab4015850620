import { Type } from 'typebox';
import type { Static } from 'typebox';
import { defineServiceConfig } from '@pyairtable/kit';

/** The gateway's environment: the shared service variables plus its stores. */
export const gatewayConfigSchema = defineServiceConfig(8000, {
  /** The platform registry: users, tenants, workspaces, sessions. */
  DATABASE_URL: Type.String({ minLength: 1 }),
  /** Shared rate limits and caches across replicas; in-process without it. */
  REDIS_URL: Type.Optional(Type.String({ minLength: 1 })),
});

/** The gateway's validated, frozen configuration. */
export type GatewayConfig = Readonly<Static<typeof gatewayConfigSchema>>;
