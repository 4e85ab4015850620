/**
 * Projects and people of the Project tracker demo. A project's dates fit its status around
 * the reference day: Done projects ended before it, Planning ones start after it.
 */
import type { IdMaker } from '../airtable-ids.ts';
import { DEMO_REFERENCE_DATE, addDays, timestampOn } from '../calendar.ts';
import type { Random } from '../random.ts';
import { asciiSlug } from './ascii-slug.ts';
import { FIRST_NAMES, LAST_NAMES } from './demo-words.ts';
import { PEOPLE_ROLES, PROJECT_NAMES } from './project-words.ts';
import type { ProjectStatus } from './projects-schema.ts';

/** A project before its tasks exist; tasks fall between its start and due days. */
export interface ProjectDraft {
  readonly id: string;
  readonly createdTime: string;
  readonly name: string;
  readonly status: ProjectStatus;
  readonly start: string;
  readonly due: string;
  readonly budget: number;
}

/** A person before their tasks exist. */
export interface PersonDraft {
  readonly id: string;
  readonly createdTime: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

// A board with some history, most work under way and a little planned: each project gets
// one of these statuses, then dates that fit it.
const STATUS_MIX: readonly ProjectStatus[] = [
  'Done',
  'Done',
  'Done',
  'Done',
  'In progress',
  'In progress',
  'In progress',
  'In progress',
  'In progress',
  'On hold',
  'Planning',
  'Planning',
];

function datesFor(random: Random, status: ProjectStatus): { start: string; due: string } {
  if (status === 'Done') {
    const due = addDays(DEMO_REFERENCE_DATE, -random.int(15, 150));
    return { start: addDays(due, -random.int(45, 150)), due };
  }
  if (status === 'Planning') {
    const start = addDays(DEMO_REFERENCE_DATE, random.int(7, 60));
    return { start, due: addDays(start, random.int(45, 150)) };
  }
  return {
    start: addDays(DEMO_REFERENCE_DATE, -random.int(20, 150)),
    due: addDays(DEMO_REFERENCE_DATE, random.int(10, 120)),
  };
}

/** One project per name in PROJECT_NAMES, dated around the reference day to fit its status. */
export function draftProjects(random: Random, makeId: IdMaker): ProjectDraft[] {
  const statuses = random.shuffle(STATUS_MIX);
  return PROJECT_NAMES.map((name, index) => {
    const status = statuses[index % statuses.length] ?? 'In progress';
    const { start, due } = datesFor(random, status);
    return {
      id: makeId('rec'),
      createdTime: timestampOn(addDays(start, -random.int(5, 30)), random.int(8, 18)),
      name,
      status,
      start,
      due,
      budget:
        Math.round(Math.exp(random.between(Math.log(15_000), Math.log(400_000))) / 1000) * 1000,
    };
  });
}

/** `count` people with distinct names, mostly engineers. */
export function draftPeople(random: Random, makeId: IdMaker, count: number): PersonDraft[] {
  const names = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => ({ first, last })));
  const roleWeights = [6, 2, 2, 2, 1, 1];
  return random.sample(names, count).map(({ first, last }) => ({
    id: makeId('rec'),
    createdTime: timestampOn(addDays('2025-01-06', random.int(0, 300)), random.int(8, 18)),
    fields: {
      Name: `${first} ${last}`,
      Email: `${asciiSlug(first)}.${asciiSlug(last)}@example.com`,
      Role: random.pickWeighted(PEOPLE_ROLES, roleWeights),
    },
  }));
}
