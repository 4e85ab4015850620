import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Static } from 'typebox';
import type { stackConfigSchema } from './stack-config.ts';

/** A service `npm start` knows how to run. */
export interface ServiceEntry {
  readonly name: string;
  /** The entry point, relative to the repository root. */
  readonly entry: string;
  readonly port: number;
  /** Variables only this service gets, on top of the shared ones. */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * Every service of the platform in start order (dependencies first). A service joins the
 * local stack as soon as its entry point exists in the repository.
 */
export function serviceCatalog(
  config: Static<typeof stackConfigSchema>,
  files: { readonly emulatorTokens: string; readonly emulatorData: string },
  admin: { readonly email: string; readonly password: string },
): ServiceEntry[] {
  const url = (port: number): string => `http://${config.STACK_HOST}:${String(port)}`;
  return [
    {
      name: 'airtable-emulator',
      entry: 'services/airtable-emulator/src/server.ts',
      port: config.AIRTABLE_EMULATOR_PORT,
      environment: {
        AIRTABLE_EMULATOR_TOKENS_FILE: files.emulatorTokens,
        // Changes made through the demo survive a restart, like a real Airtable base.
        AIRTABLE_EMULATOR_DATA_FILE: files.emulatorData,
      },
    },
    {
      name: 'mcp',
      entry: 'services/mcp/src/server.ts',
      port: config.MCP_PORT,
      environment: {
        AIRTABLE_ENDPOINT_URL: url(config.AIRTABLE_EMULATOR_PORT),
      },
    },
    {
      name: 'chat',
      entry: 'services/chat/src/server.ts',
      port: config.CHAT_PORT,
      environment: { MCP_URL: url(config.MCP_PORT) },
    },
    {
      name: 'gateway',
      entry: 'services/gateway/src/server.ts',
      port: config.GATEWAY_PORT,
      environment: {
        MCP_URL: url(config.MCP_PORT),
        CHAT_URL: url(config.CHAT_PORT),
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
      },
    },
  ];
}

/** The catalog entries whose code exists in this checkout. */
export function availableServices(entries: readonly ServiceEntry[], root: string): ServiceEntry[] {
  return entries.filter((entry) => existsSync(path.join(root, entry.entry)));
}
