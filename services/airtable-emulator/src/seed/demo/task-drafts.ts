/**
 * Tasks of the Project tracker demo. A task's status fits its project's (a Done project has
 * only done tasks), it is due between the project's start and due days, and some carry
 * attachment metadata (no file is stored: the URLs point nowhere).
 */
import type { IdMaker } from '../airtable-ids.ts';
import { DEMO_REFERENCE_DATE, addDays, daysBetween, notAfter, timestampOn } from '../calendar.ts';
import type { Random } from '../random.ts';
import type { ProjectDraft } from './project-drafts.ts';
import { ATTACHMENT_KINDS, TASK_OBJECTS, TASK_TAGS, TASK_VERBS } from './project-words.ts';
import { TASK_PRIORITIES, TASK_STATUSES } from './projects-schema.ts';
import type { ProjectStatus, TaskStatus } from './projects-schema.ts';

/** A task in the project at `projectIndex`, assigned to the person at `assigneeIndex`. */
export interface TaskDraft {
  readonly id: string;
  readonly createdTime: string;
  readonly projectIndex: number;
  readonly assigneeIndex: number | undefined;
  readonly fields: Readonly<Record<string, unknown>>;
}

// Weights over TASK_STATUSES (Todo, In progress, Blocked, Done) for each project status.
const STATUS_WEIGHTS: Readonly<Record<ProjectStatus, readonly number[]>> = {
  Planning: [8, 2, 0, 0],
  'In progress': [30, 30, 8, 32],
  'On hold': [40, 5, 40, 15],
  Done: [0, 0, 0, 1],
};
const ESTIMATES = [0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];
const PRIORITY_WEIGHTS = [3, 5, 3, 1];

function attachments(random: Random, makeId: IdMaker, taskName: string) {
  if (!random.chance(0.25)) return [];
  return Array.from({ length: random.int(1, 2) }, () => {
    const kind = random.pick(ATTACHMENT_KINDS);
    const id = makeId('att');
    const filename = `${taskName.toLowerCase().replaceAll(' ', '-')}-${kind.stem}.${kind.extension}`;
    return {
      id,
      url: `https://files.example.com/demo/${id}/${filename}`,
      filename,
      size: random.int(12_000, 4_800_000),
      type: kind.type,
    };
  });
}

function projectOrder(random: Random, projects: number, tasks: number): number[] {
  // Every project gets a few tasks before the rest are spread at random.
  const few = Array.from({ length: Math.min(tasks, projects * 5) }, (_, index) => index % projects);
  const more = Array.from({ length: tasks - few.length }, () => random.int(0, projects - 1));
  return random.shuffle([...few, ...more]);
}

/** `count` tasks with distinct names spread over `projects`, assigned among `people` people. */
export function draftTasks(
  random: Random,
  makeId: IdMaker,
  projects: readonly ProjectDraft[],
  people: number,
  count: number,
): TaskDraft[] {
  const names = TASK_VERBS.flatMap((verb) => TASK_OBJECTS.map((object) => `${verb} ${object}`));
  if (count > names.length) throw new RangeError(`at most ${names.length} task names`);
  const taskNames = random.sample(names, count);
  return projectOrder(random, projects.length, count).map((projectIndex, index) => {
    const project = projects[projectIndex];
    const name = taskNames[index];
    if (project === undefined || name === undefined) throw new RangeError('no such project');
    const status: TaskStatus = random.pickWeighted(TASK_STATUSES, STATUS_WEIGHTS[project.status]);
    const due = addDays(project.start, random.int(1, daysBetween(project.start, project.due)));
    const created = addDays(project.start, -random.int(0, 10));
    return {
      id: makeId('rec'),
      createdTime: timestampOn(notAfter(created, addDays(DEMO_REFERENCE_DATE, -1)), 9),
      projectIndex,
      assigneeIndex: random.chance(0.92) ? random.int(0, people - 1) : undefined,
      fields: {
        Name: name,
        Status: status,
        Priority: random.pickWeighted(TASK_PRIORITIES, PRIORITY_WEIGHTS),
        'Estimate Hours': random.pick(ESTIMATES),
        Due: timestampOn(due, 17),
        Done: status === 'Done',
        Tags: random.sample(TASK_TAGS, random.pickWeighted([0, 1, 2], [3, 5, 2])),
        Attachments: attachments(random, makeId, name),
      },
    };
  });
}
