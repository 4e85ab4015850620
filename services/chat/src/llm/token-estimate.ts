/**
 * A rough token count: about four characters per token for English text and JSON, close
 * enough for usage accounting where no model counts them (the offline planner).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
