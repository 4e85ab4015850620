/** What the offline planner understood a question to ask. */
export type OfflineIntent =
  | { readonly kind: 'list-bases' }
  | { readonly kind: 'list-tables'; readonly base: string | undefined }
  | { readonly kind: 'list-records'; readonly table: string; readonly count: number }
  | { readonly kind: 'count'; readonly table: string; readonly condition: string | undefined }
  | {
      readonly kind: 'sum';
      readonly field: string;
      readonly table: string;
      readonly condition: string | undefined;
    }
  | { readonly kind: 'search'; readonly table: string; readonly term: string }
  | { readonly kind: 'unknown' };

/** Records shown when a question does not say how many. */
export const DEFAULT_RECORD_COUNT = 5;
const MAX_RECORD_COUNT = 100;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twenty: 20,
};

// Each pattern runs on the question with its punctuation at the end removed; named groups
// keep the user's casing, since field values and search terms are matched as written.
const SEARCH = [
  /^(?:search|find|look\s+up)\s+(?:in\s+)?(?:the\s+)?(?<table>.+?)\s+(?:for|containing|matching|with)\s+(?<term>.+)$/i,
  /^(?:search|find|look)\s+(?:for\s+)?(?<term>.+?)\s+in\s+(?:the\s+)?(?<table>.+?)$/i,
];
const COUNT = [
  /^how\s+many\s+(?<rest>.+)$/i,
  /^count\s+(?:the\s+|all\s+)?(?<rest>.+)$/i,
  /^(?:what\s+is\s+|what's\s+)?the\s+number\s+of\s+(?<rest>.+)$/i,
];
const SUM =
  /^(?:what\s+is\s+|what's\s+)?(?:the\s+)?(?:total|sum)\s+(?:of\s+)?(?:the\s+)?(?<field>.+?)\s+(?:of|for|in|across|over)\s+(?:the\s+|all\s+)?(?<rest>.+)$/i;
// Plural only: "records from the Contacts table" names a table, it does not ask for the list.
const TABLES = /\btables\b/i;
const TABLES_OF_BASE =
  /\btables?\s+(?:are\s+)?(?:in|of|does)\s+(?:the\s+|my\s+)?(?<base>.+?)(?:\s+base)?(?:\s+have)?$/i;
const BASES = /\bbases?\b/i;
const LIST_RECORDS = [
  /^(?:show|list|get|display|give)\s+(?:me\s+)?(?:the\s+)?(?:first\s+|top\s+|latest\s+|some\s+)?(?<count>\w+\s+)?(?:records|rows)\s+(?:from|of|in)\s+(?:the\s+)?(?<table>.+?)(?:\s+table)?$/i,
  /^(?:show|list|get|display|give)\s+(?:me\s+)?(?:the\s+)?(?:first\s+|top\s+|latest\s+|some\s+)?(?<count>\w+\s+)?(?<table>.+?)(?:\s+records|\s+rows)?$/i,
];
// Words that end a table phrase and start a condition: "deals [are] won".
const CONDITION_START =
  /^(?<table>.+?)\s+(?:that\s+are|which\s+are|that\s+have|whose|where|with|are|were|is|has|have|in)\s+(?<condition>.+)$/i;
const FILLER_ENDINGS =
  /\s+(?:do\s+(?:we|i|you)\s+have|are\s+there|there\s+are|in\s+total|altogether)$/i;

/**
 * Understands the few kinds of question the offline planner can answer, from patterns:
 * "list the bases", "what tables are in Sales CRM", "show 5 deals", "how many deals are won",
 * "total Amount of deals where Stage is Closed Won", "search contacts for Smith". Table and
 * field names stay phrases here; the planner resolves them against the real schema.
 */
export function parseQuestion(question: string): OfflineIntent {
  const text = question
    .trim()
    .replace(/[?.!\s]+$/, '')
    .replace(/\s+/g, ' ')
    .replace(/^(?:please|can you|could you|would you)\s+/i, '');

  for (const pattern of SEARCH) {
    const { table, term } = pattern.exec(text)?.groups ?? {};
    if (table !== undefined && term !== undefined)
      return { kind: 'search', table, term: unquote(term) };
  }
  const sum = SUM.exec(text)?.groups;
  if (sum?.['field'] !== undefined && sum['rest'] !== undefined) {
    return { kind: 'sum', field: sum['field'], ...splitCondition(sum['rest']) };
  }
  for (const pattern of COUNT) {
    const rest = pattern.exec(text)?.groups?.['rest'];
    if (rest === undefined) continue;
    if (/^(?:the\s+)?tables?\b/i.test(rest)) return listTables(text);
    if (/^(?:the\s+)?bases?\b/i.test(rest)) return { kind: 'list-bases' };
    return { kind: 'count', ...splitCondition(rest) };
  }
  if (TABLES.test(text)) return listTables(text);
  if (BASES.test(text)) return { kind: 'list-bases' };
  for (const pattern of LIST_RECORDS) {
    const groups = pattern.exec(text)?.groups;
    if (groups?.['table'] === undefined) continue;
    const count = recordCount(groups['count']);
    // "show 5 deals" counts; "show open deals" has no number, so the word is the table's.
    if (count === undefined && groups['count'] !== undefined) {
      return {
        kind: 'list-records',
        table: `${groups['count']}${groups['table']}`,
        count: DEFAULT_RECORD_COUNT,
      };
    }
    return { kind: 'list-records', table: groups['table'], count: count ?? DEFAULT_RECORD_COUNT };
  }
  return { kind: 'unknown' };
}

function listTables(text: string): OfflineIntent {
  const base = TABLES_OF_BASE.exec(text)?.groups?.['base'];
  return { kind: 'list-tables', base };
}

function splitCondition(rest: string): { table: string; condition: string | undefined } {
  const trimmed = rest.replace(FILLER_ENDINGS, '');
  const groups = CONDITION_START.exec(trimmed)?.groups;
  if (groups?.['table'] === undefined || groups['condition'] === undefined) {
    return { table: trimmed, condition: undefined };
  }
  return { table: groups['table'], condition: groups['condition'] };
}

function recordCount(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const trimmed = word.trim().toLowerCase();
  const count = /^\d+$/.test(trimmed) ? Number(trimmed) : NUMBER_WORDS[trimmed];
  return count === undefined ? undefined : Math.min(Math.max(count, 1), MAX_RECORD_COUNT);
}

/** The text without the quotes around it. */
export function unquote(text: string): string {
  return text.trim().replace(/^["'“”‘’](.*)["'“”‘’]$/, '$1');
}
