import { z } from 'zod';
import { findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { baseIdInput, READ_ONLY, recordIdInput, tableInput } from './shared-schemas.ts';

/** How a comment reads to the model. */
export const commentOutput = z.object({
  id: z.string(),
  text: z.string(),
  createdTime: z.string(),
  author: z.object({ id: z.string(), email: z.string().optional(), name: z.string().optional() }),
});

/** list_comments: one page of a record's comments, newest first. */
export const listCommentsTool = defineTool({
  name: 'list_comments',
  title: 'List comments',
  description:
    "Returns one page of a record's comments, newest first, with author and time. When nextCursor is present, call again with cursor=nextCursor for older ones.",
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    recordId: recordIdInput,
    pageSize: z.number().int().min(1).max(100).default(100).describe('Comments per page, 1-100.'),
    cursor: z.string().min(1).max(1_000).optional().describe('nextCursor of the previous call.'),
  },
  outputSchema: { comments: z.array(commentOutput), nextCursor: z.string().optional() },
  annotations: READ_ONLY,
  async run(scope, { baseId, table, recordId, pageSize, cursor }) {
    const schema = await findTable(scope, baseId, table);
    const page = await scope.airtable.listComments(baseId, schema.id, recordId, {
      pageSize,
      ...(cursor === undefined ? {} : { offset: cursor }),
    });
    const comments = page.comments.map(({ id, text, createdTime, author }) => ({
      id,
      text,
      createdTime,
      author,
    }));
    return {
      summary: `${String(comments.length)} comment(s) on ${recordId}.`,
      data: {
        comments,
        ...(typeof page.offset === 'string' ? { nextCursor: page.offset } : {}),
      },
    };
  },
});
