import { Type } from 'typebox';
import type { Static } from 'typebox';
import { defineServiceConfig } from '@pyairtable/kit';

const OnOff = Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on' });

/** The emulator's environment: the shared service variables plus its own. */
export const emulatorConfigSchema = defineServiceConfig(8090, {
  /** A JSON file of accepted tokens (see README); without it only the demo token works. */
  AIRTABLE_EMULATOR_TOKENS_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /** Serve the demo bases (Sales CRM, Project tracker). */
  AIRTABLE_EMULATOR_DEMO_BASES: OnOff,
  /** Also serve a generated base, e.g. `tables=30,fields=20,records=4000,seed=1`. */
  AIRTABLE_EMULATOR_LARGE_BASE: Type.Optional(
    Type.String({ pattern: '^[a-z]+=\\d+(,[a-z]+=\\d+)*$' }),
  ),
  /** Load state from this JSON file when it exists, and save changes to it. */
  AIRTABLE_EMULATOR_DATA_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /** Enforce Airtable's request limits (429 and a penalty when exceeded). */
  AIRTABLE_EMULATOR_RATE_LIMITS: OnOff,
  /** Requests per second per base, all tokens together. */
  AIRTABLE_EMULATOR_BASE_RATE_LIMIT: Type.Integer({ minimum: 1, default: 5 }),
  /** Requests per second per token, all bases together. */
  AIRTABLE_EMULATOR_TOKEN_RATE_LIMIT: Type.Integer({ minimum: 1, default: 50 }),
  /** How long a base or token over its limit is refused. */
  AIRTABLE_EMULATOR_PENALTY_SECONDS: Type.Integer({ minimum: 0, default: 30 }),
});

/** The emulator's validated, frozen configuration. */
export type EmulatorConfig = Readonly<Static<typeof emulatorConfigSchema>>;
