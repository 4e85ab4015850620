import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { AppError } from './app-error.ts';
import { kitErrors } from './kit-errors.ts';
import type { InvalidField } from './kit-errors.ts';

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The RFC 9457 body every error response of the platform has. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly requestId: string;
  readonly [extension: string]: unknown;
}

/** A stable URI per error code; RFC 9457 asks for a URI, not a web page. */
export function problemType(code: string): string {
  return `urn:pyairtable:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Renders an {@link AppError} as the problem body for one request. */
export function toProblem(error: AppError, request: FastifyRequest): ProblemBody {
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: request.url.split('?')[0] ?? request.url,
    code: error.code,
    requestId: request.id,
  };
}

/** Sends an {@link AppError} as problem+json with its headers. */
export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  return reply
    .code(error.status)
    .headers(error.headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(toProblem(error, reply.request));
}

interface AjvLikeError {
  readonly instancePath?: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

function invalidFields(errors: readonly AjvLikeError[], part: string): InvalidField[] {
  return errors.map((error) => {
    const path = (error.instancePath ?? '').split('/').filter(Boolean);
    const named = error.params['missingProperty'] ?? error.params['additionalProperty'];
    if (typeof named === 'string') path.push(named);
    const message =
      error.keyword === 'additionalProperties'
        ? 'is not allowed'
        : error.keyword === 'required'
          ? 'is required'
          : (error.message ?? 'is invalid');
    return { in: part, field: path.join('.'), message };
  });
}

/** Turns anything a handler threw into the AppError it should be answered with. */
export function classifyError(error: FastifyError | Error, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) {
    const part = fastifyError.validationContext ?? 'body';
    return kitErrors.KIT_VALIDATION_FAILED({
      errors: invalidFields(fastifyError.validation, part),
    });
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, wrong media type, body too large) say nothing
    // secret and tell the caller exactly what to fix.
    return new AppError({
      code: fastifyError.code ?? 'KIT_BAD_REQUEST',
      status,
      title: 'Bad request',
      detail: error.message,
    });
  }
  return kitErrors.KIT_INTERNAL({ requestId: request.id }, error);
}

/**
 * The one error handler: every failure leaves as RFC 9457 problem+json. Client errors say
 * what to fix; server errors are logged in full and answered with a request id only, so
 * internals (SQL, stack traces, upstream bodies) never reach the caller.
 */
export const problemDetailsPlugin = fastifyPlugin(
  (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      const problem = classifyError(error, request);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, status: problem.status }, problem.detail);
      return sendProblem(reply, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        kitErrors.KIT_NOT_FOUND({ method: request.method, path: request.url.split('?')[0] ?? '' }),
      ),
    );
  },
  { name: 'pyairtable-problem-details', fastify: '5.x' },
);
