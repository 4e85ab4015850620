import { Type } from 'typebox';
import type { Static, TObject, TProperties, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** One variable that is missing or does not match its schema. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/**
 * Thrown at boot when the environment does not satisfy a service's schema. The message names
 * every bad or missing variable so one failed start is enough to fix them all.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((problem) => `  ${problem.variable}: ${problem.message}`);
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The environment as a plain record; `process.env` unless a test passes its own. */
export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

/**
 * Reads the variables a schema declares from the environment, converts them to their
 * declared types, applies defaults and returns a frozen, typed object.
 * Empty strings count as unset, because deploy tools often render missing values that way.
 */
export function loadConfig<Properties extends TProperties>(
  schema: TObject<Properties>,
  source: EnvironmentSource = process.env,
): Readonly<Static<TObject<Properties>>> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.properties)) {
    const value = source[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const candidate = Value.Default(schema, Value.Convert(schema, raw));
  const values = candidate as Record<string, unknown>;
  const required = new Set<string>(schema.required as readonly string[] | undefined);
  const properties: Record<string, TSchema> = schema.properties;
  const problems = Object.entries(properties).flatMap(([variable, property]) =>
    describeProblem(variable, values[variable], property, raw[variable], required.has(variable)),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(candidate as Static<TObject<Properties>>);
}

/** The allowed values of an enumeration-like schema (a union of literals), if it is one. */
function allowedValues(schema: unknown): string[] | undefined {
  if (typeof schema !== 'object' || schema === null || !('anyOf' in schema)) return undefined;
  const alternatives = (schema as { anyOf: readonly { const?: unknown }[] }).anyOf;
  const values = alternatives.map((alternative) => alternative.const);
  return values.every((value) => typeof value === 'string') ? values : undefined;
}

/** Checks one variable on its own, so each bad variable yields exactly one line. */
function describeProblem(
  variable: string,
  value: unknown,
  schema: TSchema,
  given: string | undefined,
  required: boolean,
): ConfigProblem[] {
  if (value === undefined) {
    return required ? [{ variable, message: 'is required but not set' }] : [];
  }
  const [error] = Value.Errors(schema, value);
  if (error === undefined) return [];
  const shown = given === undefined ? '' : ` (got ${JSON.stringify(truncate(given))})`;
  const allowed = allowedValues(schema);
  const message = allowed ? `must be one of ${allowed.join(', ')}` : error.message;
  return [{ variable, message: `${message}${shown}` }];
}

/** Long values are usually URLs or keys: show enough to recognise them, not the whole secret. */
function truncate(value: string): string {
  return value.length > 24 ? `${value.slice(0, 8)}…` : value;
}

/** Port numbers as environment variables. */
export const PortNumber = (defaultPort: number) =>
  Type.Integer({ minimum: 1, maximum: 65535, default: defaultPort });

/**
 * {@link loadConfig} for a service's entry point: on bad configuration it prints the list of
 * problems (not a stack trace) and exits with status 78 (EX_CONFIG), so an orchestrator's
 * logs show at once which variable to fix.
 */
export function loadConfigOrExit<Properties extends TProperties>(
  schema: TObject<Properties>,
  service: string,
): Readonly<Static<TObject<Properties>>> {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(78);
  }
}
