/** What a problem+json response carries beyond the RFC 9457 core members. */
export type ProblemExtensions = Readonly<Record<string, unknown>>;

interface AppErrorInit {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly extensions?: ProblemExtensions;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * An error that crosses the wire: it knows its HTTP status and the problem+json it renders
 * to. Build them from a registry made with {@link defineErrors}, not one by one.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly extensions: ProblemExtensions;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: AppErrorInit) {
    super(init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AppError';
    this.code = init.code;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }
}

/** One entry of an error registry: status, a short title and how to word the detail. */
export interface ErrorDefinition<Params> {
  readonly status: number;
  readonly title: string;
  readonly detail: (params: Params) => string;
  /** Extra problem members computed from the same parameters (e.g. `retryAfterSeconds`). */
  readonly extensions?: (params: Params) => ProblemExtensions;
  /** Response headers computed from the same parameters (e.g. `Retry-After`). */
  readonly headers?: (params: Params) => Readonly<Record<string, string>>;
}

type Factories<Definitions> = {
  readonly [Code in keyof Definitions]: Definitions[Code] extends ErrorDefinition<infer Params>
    ? (params: Params, cause?: unknown) => AppError
    : never;
};

/**
 * A typed error registry for one package: `const errors = defineErrors({ GW_RATE_LIMITED:
 * { status: 429, title: 'Too many requests', detail: (p: { limit: number }) => ... } })`,
 * then `throw errors.GW_RATE_LIMITED({ limit: 60 })`. Codes are unique, grep-able and
 * carried in every problem response as `code`.
 */
export function defineErrors<Definitions extends Record<string, ErrorDefinition<never>>>(
  definitions: Definitions,
): Factories<Definitions> {
  const factories: Record<string, (params: never, cause?: unknown) => AppError> = {};
  for (const [code, definition] of Object.entries(definitions)) {
    factories[code] = (params: never, cause?: unknown) =>
      new AppError({
        code,
        status: definition.status,
        title: definition.title,
        detail: definition.detail(params),
        ...(definition.extensions ? { extensions: definition.extensions(params) } : {}),
        ...(definition.headers ? { headers: definition.headers(params) } : {}),
        cause,
      });
  }
  return factories as Factories<Definitions>;
}
