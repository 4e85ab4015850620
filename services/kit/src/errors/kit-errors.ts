import { defineErrors } from './app-error.ts';

/** Field-level detail of a request that failed schema validation. */
export interface InvalidField {
  /** Where the field was: body, querystring, params or headers. */
  readonly in: string;
  /** Dotted path of the field, e.g. `records.0.fields`; empty for the whole part. */
  readonly field: string;
  readonly message: string;
}

/** Errors the kit itself answers with, shared by every service. */
export const kitErrors = defineErrors({
  KIT_VALIDATION_FAILED: {
    status: 400,
    title: 'Request validation failed',
    detail: (params: { errors: readonly InvalidField[] }) =>
      params.errors
        .map((error) => `${error.in}${error.field ? `.${error.field}` : ''} ${error.message}`)
        .join('; '),
    extensions: (params: { errors: readonly InvalidField[] }) => ({ errors: params.errors }),
  },
  KIT_NOT_FOUND: {
    status: 404,
    title: 'Not found',
    detail: (params: { method: string; path: string }) =>
      `No route matches ${params.method} ${params.path}.`,
  },
  KIT_INTERNAL: {
    status: 500,
    title: 'Internal server error',
    detail: (params: { requestId: string }) =>
      `Something went wrong on our side. Quote request id ${params.requestId} when reporting it.`,
  },
  KIT_SHUTTING_DOWN: {
    status: 503,
    title: 'Shutting down',
    detail: () => 'This instance is shutting down; retry the request.',
    headers: () => ({ 'retry-after': '1' }),
  },
});
