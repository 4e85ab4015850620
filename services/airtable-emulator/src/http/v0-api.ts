/**
 * The Airtable Web API under `/v0`, as its own fastify scope: Airtable-format errors and 404s
 * (the rest of the service keeps the platform's problem+json), the access check before every
 * route, then the routes in the order a reader meets them: records, metadata, comments.
 */
import type { ServiceApp } from '@pyairtable/kit';
import type { ListCursors } from '../model/list-cursors.ts';
import { handleAirtableError, handleAirtableNotFound } from './airtable-error-handler.ts';
import { commentRoutes } from './comment-routes.ts';
import { metaRoutes } from './meta-routes.ts';
import { recordReadRoutes } from './record-read-routes.ts';
import { recordWriteRoutes } from './record-write-routes.ts';
import { createAccessHook } from './request-access.ts';
import type { AccessOptions } from './request-access.ts';

/** Options of {@link v0Api}. */
export interface V0ApiOptions extends AccessOptions {
  readonly cursors: ListCursors;
}

/** Registers the `/v0` API; register it with `{ prefix: '/v0' }`. */
export function v0Api(app: ServiceApp, options: V0ApiOptions): void {
  app.decorateRequest('accessToken', null);
  app.setErrorHandler(handleAirtableError);
  app.setNotFoundHandler(handleAirtableNotFound);
  // airtable.js sends `Content-Type: application/json` with no body on DELETE; an empty JSON
  // body is no body, not a parse error.
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, body.toString(), done);
  });
  app.addHook('onRequest', createAccessHook(options));
  const context = { state: options.state, cursors: options.cursors };
  recordReadRoutes(app, context);
  recordWriteRoutes(app, context);
  metaRoutes(app, context);
  commentRoutes(app, context);
}
