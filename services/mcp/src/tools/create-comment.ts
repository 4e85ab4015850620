import { z } from 'zod';
import { findTable } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { commentOutput } from './list-comments.ts';
import { baseIdInput, recordIdInput, tableInput } from './shared-schemas.ts';

/** create_comment: adds a comment to a record. */
export const createCommentTool = defineTool({
  name: 'create_comment',
  title: 'Create comment',
  description:
    "Adds a comment to a record, as the workspace's Airtable user. Use it to leave notes for people rather than changing fields. Not idempotent: calling twice posts twice.",
  inputSchema: {
    baseId: baseIdInput,
    table: tableInput,
    recordId: recordIdInput,
    text: z
      .string()
      .min(1)
      .max(10_000)
      .describe('The comment, e.g. "Customer asked for a revised quote."'),
  },
  outputSchema: commentOutput.shape,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
  async run(scope, { baseId, table, recordId, text }) {
    const schema = await findTable(scope, baseId, table);
    const comment = await scope.airtable.createComment(baseId, schema.id, recordId, text);
    const { id, createdTime, author } = comment;
    return {
      summary: `Comment ${id} added to ${recordId}.`,
      data: { id, text: comment.text, createdTime, author },
    };
  },
});
