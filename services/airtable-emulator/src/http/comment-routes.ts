/**
 * Record comments: list (`GET`, newest first, paged), create (`POST`), and edit or delete
 * one's own (`PATCH`, `DELETE`) under `/v0/{base}/{table}/{record}/comments`.
 */
import type { ServiceApp } from '@pyairtable/kit';
import { Type } from 'typebox';
import { airtableErrors } from '../airtable-errors.ts';
import type { AccessToken } from '../auth/access-tokens.ts';
import {
  addComment,
  deleteComment,
  editComment,
  listComments,
  renderComment,
} from '../model/record-comments.ts';
import type { RouteContext } from './route-targets.ts';
import { recordOf, tableOf } from './route-targets.ts';
import { errorResponses } from './route-schemas.ts';

const CommentSchema = Type.Object({
  id: Type.String(),
  author: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
  text: Type.String(),
  createdTime: Type.String(),
  lastUpdatedTime: Type.Union([Type.String(), Type.Null()]),
});

const RecordParams = Type.Object({
  baseId: Type.String(),
  tableIdOrName: Type.String(),
  recordId: Type.String(),
});

const CommentParams = Type.Object({
  baseId: Type.String(),
  tableIdOrName: Type.String(),
  recordId: Type.String(),
  commentId: Type.String(),
});

const TextBody = Type.Object(
  { text: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

function authorOf(token: AccessToken | null): AccessToken['user'] {
  if (token === null) throw airtableErrors.authenticationRequired();
  return token.user;
}

/** Registers the comment routes. */
export function commentRoutes(app: ServiceApp, context: RouteContext): void {
  const recordIdOf = (params: { baseId: string; tableIdOrName: string; recordId: string }) =>
    recordOf(tableOf(context, params).table, params.recordId).id;

  app.get(
    '/:baseId/:tableIdOrName/:recordId/comments',
    {
      config: { scope: 'data.recordComments:read' },
      schema: {
        params: RecordParams,
        querystring: Type.Object(
          {
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            offset: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            comments: Type.Array(CommentSchema),
            offset: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    (request) =>
      listComments(
        context.state,
        recordIdOf(request.params),
        request.query.pageSize ?? 100,
        request.query.offset,
      ),
  );

  app.post(
    '/:baseId/:tableIdOrName/:recordId/comments',
    {
      config: { scope: 'data.recordComments:write' },
      schema: {
        params: RecordParams,
        body: TextBody,
        response: { 200: CommentSchema, ...errorResponses },
      },
    },
    (request) =>
      renderComment(
        addComment(
          context.state,
          recordIdOf(request.params),
          authorOf(request.accessToken),
          request.body.text,
        ),
      ),
  );

  app.patch(
    '/:baseId/:tableIdOrName/:recordId/comments/:commentId',
    {
      config: { scope: 'data.recordComments:write' },
      schema: {
        params: CommentParams,
        body: TextBody,
        response: { 200: CommentSchema, ...errorResponses },
      },
    },
    (request) =>
      renderComment(
        editComment(
          context.state,
          recordIdOf(request.params),
          request.params.commentId,
          authorOf(request.accessToken).id,
          request.body.text,
        ),
      ),
  );

  app.delete(
    '/:baseId/:tableIdOrName/:recordId/comments/:commentId',
    {
      config: { scope: 'data.recordComments:write' },
      schema: {
        params: CommentParams,
        response: {
          200: Type.Object({ id: Type.String(), deleted: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { commentId } = request.params;
      deleteComment(
        context.state,
        recordIdOf(request.params),
        commentId,
        authorOf(request.accessToken).id,
      );
      return { id: commentId, deleted: true };
    },
  );
}
