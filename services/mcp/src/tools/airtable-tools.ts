import { aggregateRecordsTool } from './aggregate-records.ts';
import { createCommentTool } from './create-comment.ts';
import { createFieldTool } from './create-field.ts';
import { createRecordsTool } from './create-records.ts';
import { createTableTool } from './create-table.ts';
import type { AirtableTool } from './define-tool.ts';
import { deleteRecordsTool } from './delete-records.ts';
import { describeTableTool } from './describe-table.ts';
import { getBaseSchemaTool } from './get-base-schema.ts';
import { getRecordTool } from './get-record.ts';
import { listBasesTool } from './list-bases.ts';
import { listCommentsTool } from './list-comments.ts';
import { listRecordsTool } from './list-records.ts';
import { searchRecordsTool } from './search-records.ts';
import { updateRecordsTool } from './update-records.ts';
import { updateFieldTool } from './update-field.ts';
import { updateTableTool } from './update-table.ts';
import { upsertRecordsTool } from './upsert-records.ts';

/** Every tool, in the order a model usually needs them. */
export const AIRTABLE_TOOLS: readonly AirtableTool[] = [
  listBasesTool,
  getBaseSchemaTool,
  describeTableTool,
  listRecordsTool,
  getRecordTool,
  searchRecordsTool,
  aggregateRecordsTool,
  createRecordsTool,
  updateRecordsTool,
  upsertRecordsTool,
  deleteRecordsTool,
  listCommentsTool,
  createCommentTool,
  createTableTool,
  updateTableTool,
  createFieldTool,
  updateFieldTool,
];
