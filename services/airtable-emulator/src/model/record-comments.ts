/**
 * Record comments: listed newest first in pages (an `offset` names where the next page
 * starts, `null` on the last page, as Airtable answers), created as the token's user, and
 * editable or deletable only by their author.
 */
import { airtableErrors } from '../airtable-errors.ts';
import type { CommentModel, EmulatorState } from './emulator-state.ts';
import { isoDate } from './formula-values.ts';
import { isIdOf, newId } from './new-ids.ts';

/** A comment's author: the user behind the token that wrote it. */
export interface CommentAuthor {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** A comment as the API returns it. */
export interface RenderedComment {
  readonly id: string;
  readonly author: CommentAuthor;
  readonly text: string;
  readonly createdTime: string;
  readonly lastUpdatedTime: string | null;
}

/** Renders a comment. */
export function renderComment(comment: CommentModel): RenderedComment {
  return {
    id: comment.id,
    author: { ...comment.author },
    text: comment.text,
    createdTime: isoDate(comment.createdTime, true),
    lastUpdatedTime:
      comment.lastUpdatedTime === undefined ? null : isoDate(comment.lastUpdatedTime, true),
  };
}

/** How many comments a record has (`recordMetadata[]=commentCount`). */
export function commentCount(state: EmulatorState, recordId: string): number {
  return state.comments.get(recordId)?.length ?? 0;
}

/** One page of a record's comments, newest first. */
export function listComments(
  state: EmulatorState,
  recordId: string,
  pageSize: number,
  offset: string | undefined,
): { comments: RenderedComment[]; offset: string | null } {
  const newestFirst = [...(state.comments.get(recordId) ?? [])].reverse();
  let start = 0;
  if (offset !== undefined) {
    start = newestFirst.findIndex((comment) => comment.id === offset);
    if (!isIdOf('com', offset) || start < 0) throw airtableErrors.invalidOffset(offset);
  }
  const page = newestFirst.slice(start, start + pageSize);
  const next = newestFirst[start + pageSize];
  return { comments: page.map(renderComment), offset: next === undefined ? null : next.id };
}

/** Adds a comment by `author` to a record. */
export function addComment(
  state: EmulatorState,
  recordId: string,
  author: CommentAuthor,
  text: string,
): CommentModel {
  const comment: CommentModel = {
    id: newId('com'),
    author: { ...author },
    text,
    createdTime: state.clock.now(),
    lastUpdatedTime: undefined,
  };
  const list = state.comments.get(recordId) ?? [];
  list.push(comment);
  state.comments.set(recordId, list);
  state.changed();
  return comment;
}

function ownComment(
  state: EmulatorState,
  recordId: string,
  commentId: string,
  authorId: string,
): { list: CommentModel[]; comment: CommentModel } {
  const list = state.comments.get(recordId) ?? [];
  const comment = list.find((candidate) => candidate.id === commentId);
  if (comment === undefined) throw airtableErrors.commentNotFound();
  if (comment.author.id !== authorId) throw airtableErrors.notPermitted();
  return { list, comment };
}

/** Changes the text of the author's own comment. */
export function editComment(
  state: EmulatorState,
  recordId: string,
  commentId: string,
  authorId: string,
  text: string,
): CommentModel {
  const { comment } = ownComment(state, recordId, commentId, authorId);
  comment.text = text;
  comment.lastUpdatedTime = state.clock.now();
  state.changed();
  return comment;
}

/** Deletes the author's own comment. */
export function deleteComment(
  state: EmulatorState,
  recordId: string,
  commentId: string,
  authorId: string,
): void {
  const { list, comment } = ownComment(state, recordId, commentId, authorId);
  list.splice(list.indexOf(comment), 1);
  state.changed();
}
