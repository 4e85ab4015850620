import type { CommentPage, RecordComment } from '../airtable-types.ts';
import type { RequestExecutor } from '../execution/request-executor.ts';
import { baseIdSegment, recordIdSegment, tableSegment } from '../transport/api-paths.ts';
import type { HttpTransport } from '../transport/http-transport.ts';
import { toObjectWithId, toObjectWithList } from '../transport/response-shapes.ts';

/** Comments on records, over plain HTTP (airtable.js has no comments API). Not cached. */
export interface RecordComments {
  /** One page of a record's comments, newest first. */
  listComments(
    baseId: string,
    table: string,
    recordId: string,
    options?: { readonly offset?: string; readonly pageSize?: number },
  ): Promise<CommentPage>;
  createComment(
    baseId: string,
    table: string,
    recordId: string,
    text: string,
  ): Promise<RecordComment>;
}

const commentsPath = (baseId: string, table: string, recordId: string) =>
  `${baseIdSegment(baseId)}/${tableSegment(table)}/${recordIdSegment(recordId)}/comments`;

/** Builds the comment operations. */
export function createRecordComments(deps: {
  readonly executor: RequestExecutor;
  readonly http: HttpTransport;
}): RecordComments {
  const { executor, http } = deps;
  return {
    async listComments(baseId, table, recordId, options = {}) {
      const path = commentsPath(baseId, table, recordId);
      const query = new URLSearchParams();
      if (options.offset !== undefined) query.set('offset', options.offset);
      if (options.pageSize !== undefined) query.set('pageSize', String(options.pageSize));
      return executor.run({
        operation: 'listComments',
        baseId,
        idempotent: true,
        send: async () =>
          toObjectWithList(await http.send('GET', path, { query }), 'comments') as CommentPage,
      });
    },

    async createComment(baseId, table, recordId, text) {
      const path = commentsPath(baseId, table, recordId);
      return executor.run({
        operation: 'createComment',
        baseId,
        idempotent: false,
        send: async () =>
          toObjectWithId(
            await http.send('POST', path, { json: { text } }),
            'comment',
          ) as RecordComment,
      });
    },
  };
}
