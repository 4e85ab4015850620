/**
 * Ids of the demo bases and their tables. Written out (not computed) so docs, demos and tests
 * can quote them and a search finds them; they were minted once with `idForKey('app' | 'tbl',
 * 'demo/<base>[/<table>]')` and must never change.
 */

/** The Sales CRM demo base: Companies, Contacts, Deals. */
export const DEMO_SALES_BASE_ID = 'appmHgZ6xqMi4F07F';
/** Sales CRM: ~60 companies, with rollups of their deals. */
export const DEMO_COMPANIES_TABLE_ID = 'tbl6YVKvCGFACajqI';
/** Sales CRM: ~150 contacts, each linked to one company. */
export const DEMO_CONTACTS_TABLE_ID = 'tblspusWpPuuPT6lt';
/** Sales CRM: exactly 250 deals (three pages of 100, 100 and 50). */
export const DEMO_DEALS_TABLE_ID = 'tblfpqbBFrVMp6eRI';

/** The Project tracker demo base: Projects, Tasks, People. */
export const DEMO_PROJECTS_BASE_ID = 'appg3E4IITLms1Otb';
/** Project tracker: a dozen projects with their task progress. */
export const DEMO_PROJECTS_TABLE_ID = 'tbl52IBh4k5zQolYJ';
/** Project tracker: ~200 tasks, each in one project, most with an assignee. */
export const DEMO_TASKS_TABLE_ID = 'tbldWg4gMbYVWHSNZ';
/** Project tracker: ~15 people tasks are assigned to. */
export const DEMO_PEOPLE_TABLE_ID = 'tblbWfbcvmmGS6Amp';
