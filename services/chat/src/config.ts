import { Type } from 'typebox';
import type { Static } from 'typebox';
import { defineServiceConfig, storeConfigProperties } from '@pyairtable/kit';
import { accessTokenConfigProperties, registryConfigProperties } from '@pyairtable/registry';

/** chat's environment: the shared service variables, registry, identity, LLM and limits. */
export const chatConfigSchema = defineServiceConfig(8003, {
  ...registryConfigProperties,
  ...accessTokenConfigProperties,
  ...storeConfigProperties,
  /** Where mcp listens; chat calls the workspace's tools there with the user's identity. */
  MCP_URL: Type.String({ format: 'uri', default: 'http://127.0.0.1:8001' }),
  /** Gemini, when set. */
  GEMINI_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  /** Another Gemini endpoint (a proxy, or the test double). */
  GEMINI_BASE_URL: Type.Optional(Type.String({ format: 'uri' })),
  /** An OpenAI-compatible server (e.g. a local model server), used when there is no Gemini key. */
  LLM_BASE_URL: Type.Optional(Type.String({ format: 'uri' })),
  LLM_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  /** The model the OpenAI-compatible server runs; when unset, the turn's model is sent. */
  LLM_MODEL: Type.Optional(Type.String({ minLength: 1 })),
  /** Limit for one Gemini or OpenAI-compatible attempt, from the request to the stream's end. */
  LLM_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 120_000 }),
  /** The offline planner's simulated model latency, for demos and load runs. */
  OFFLINE_LATENCY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 0 }),
  /** The offline planner streams answers in pieces of this many characters; 0 sends them whole. */
  OFFLINE_STREAM_CHUNK_CHARS: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  /** Deployment defaults; a workspace's model settings override them. */
  CHAT_MODEL: Type.String({ minLength: 1, default: 'gemini-2.5-flash' }),
  CHAT_THINKING_BUDGET: Type.Integer({ minimum: -1, maximum: 32_768, default: -1 }),
  CHAT_TEMPERATURE: Type.Number({ minimum: 0, maximum: 2, default: 0.2 }),
  CHAT_MAX_STEPS: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
  /** How long one tool call may take before the model is told it timed out. */
  TOOL_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 300_000, default: 30_000 }),
  /** Tokens of earlier conversation sent with each question; older turns are dropped. */
  HISTORY_TOKEN_BUDGET: Type.Integer({ minimum: 500, maximum: 1_000_000, default: 24_000 }),
  /** How long a finished stream can still be resumed with Last-Event-ID. */
  STREAM_RETENTION_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 600_000 }),
});

/** chat's validated, frozen configuration. */
export type ChatConfig = Readonly<Static<typeof chatConfigSchema>>;
