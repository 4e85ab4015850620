/**
 * Questions the offline planner answers from the demo Sales CRM base (chat/README.md), each
 * calling real tools through mcp: what a person would ask in a first session.
 */
export const CHAT_QUESTIONS = [
  'show 5 deals',
  'how many deals are won',
  'list the tables in Sales CRM',
  'total Amount of deals where Stage is Closed Won',
  'search contacts for Smith',
] as const;

/** Characters per token, as chat itself estimates usage. */
export const CHARS_PER_TOKEN = 4;
