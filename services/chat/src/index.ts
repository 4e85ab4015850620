/** The chat service's public surface, for the process and for cross-service tests. */
export { chatApp } from './app.ts';
export type { ChatAppOptions } from './app.ts';
export { chatConfigSchema } from './config.ts';
export type { ChatConfig } from './config.ts';
export { migrateChat } from './store/migrate-chat.ts';
export type { LlmProvider } from './llm/llm-types.ts';
