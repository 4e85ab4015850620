/** The gateway's public surface, for the process and for cross-service tests. */
export { gatewayApp } from './app.ts';
export type { GatewayAppOptions } from './app.ts';
export { gatewayConfigSchema } from './config.ts';
export type { GatewayConfig } from './config.ts';
export { migrateGateway } from './migrate-gateway.ts';
