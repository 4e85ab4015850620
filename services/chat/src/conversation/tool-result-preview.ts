/** How many characters of a tool's result the preview shows at most. */
export const TOOL_RESULT_PREVIEW_CHARS = 500;

/**
 * A short text of what a tool returned, for people watching the answer: the error text as it
 * is, anything else as JSON, cut to {@link TOOL_RESULT_PREVIEW_CHARS} characters with an
 * ellipsis when longer. The full result stays with the model and in the database.
 */
export function toolResultPreview(result: unknown): string {
  // JSON.stringify gives undefined (not the string its type promises) for undefined itself.
  const text =
    typeof result === 'string'
      ? result
      : ((JSON.stringify(result) as string | undefined) ?? 'null');
  if (text.length <= TOOL_RESULT_PREVIEW_CHARS) return text;
  return `${text.slice(0, TOOL_RESULT_PREVIEW_CHARS)}…`;
}
