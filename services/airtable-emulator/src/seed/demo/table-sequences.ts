/**
 * The seeded sequences one demo table draws from. Keyed by the table id, so each table's
 * data and record ids depend on nothing else: editing one table's generator leaves the ids
 * of every other table alone.
 */
import { createIdMaker } from '../airtable-ids.ts';
import type { IdMaker } from '../airtable-ids.ts';
import { createRandom, hashSeed } from '../random.ts';
import type { Random } from '../random.ts';

/** Random draws for cell values and an id maker for records (and attachments). */
export interface TableSequences {
  readonly random: Random;
  readonly makeId: IdMaker;
}

/** The sequences for table `tableId`. */
export function tableSequences(tableId: string): TableSequences {
  return {
    random: createRandom(hashSeed(`${tableId}/data`)),
    makeId: createIdMaker(hashSeed(`${tableId}/records`)),
  };
}
