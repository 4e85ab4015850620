/**
 * Fields and views of the Project tracker demo base. Link fields name each other as inverses;
 * computed fields (count, formula, rollup) are defined here and never stored in records.
 */
import { createFieldFactory, gridView } from '../field-factory.ts';
import type { SeedField, SeedView } from '../seed-format.ts';
import {
  DEMO_PEOPLE_TABLE_ID as PEOPLE,
  DEMO_PROJECTS_TABLE_ID as PROJECTS,
  DEMO_TASKS_TABLE_ID as TASKS,
} from './demo-ids.ts';
import { PEOPLE_ROLES, TASK_TAGS } from './project-words.ts';

/** Project statuses. */
export const PROJECT_STATUSES = ['Planning', 'In progress', 'On hold', 'Done'] as const;
/** One of PROJECT_STATUSES. */
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Task statuses, in board order. */
export const TASK_STATUSES = ['Todo', 'In progress', 'Blocked', 'Done'] as const;
/** One of TASK_STATUSES. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Task priorities, lowest first. */
export const TASK_PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'] as const;

const project = createFieldFactory(PROJECTS);
const task = createFieldFactory(TASKS);
const person = createFieldFactory(PEOPLE);

/** Projects: dates, budget, and progress rolled up from their tasks. */
export const PROJECT_FIELDS: readonly SeedField[] = [
  project.text('Name'),
  project.select('Status', PROJECT_STATUSES),
  project.date('Start'),
  project.date('Due'),
  project.currency('Budget', 0),
  project.link('Tasks', TASKS, 'Project'),
  project.count('Task Count', 'Tasks'),
  // The average of each task's 1 (done) or 0: the share of tasks done, shown as a percent.
  project.rollup('Progress', 'Tasks', TASKS, 'Completion', 'AVERAGE(values)'),
];

/** Tasks: one project each, usually one assignee. */
export const TASK_FIELDS: readonly SeedField[] = [
  task.text('Name'),
  task.link('Project', PROJECTS, 'Tasks', true),
  task.link('Assignee', PEOPLE, 'Tasks', true),
  task.select('Status', TASK_STATUSES),
  task.select('Priority', TASK_PRIORITIES),
  task.number('Estimate Hours', 1),
  task.dateTime('Due'),
  task.checkbox('Done'),
  task.multiSelect('Tags', TASK_TAGS),
  task.attachments('Attachments'),
  task.formula('Completion', 'IF({Done}, 1, 0)'),
];

/** People tasks are assigned to. */
export const PEOPLE_FIELDS: readonly SeedField[] = [
  person.text('Name'),
  person.text('Email', 'email'),
  person.select('Role', PEOPLE_ROLES),
  person.link('Tasks', TASKS, 'Assignee'),
];

/** Projects' views. */
export const PROJECT_VIEWS: readonly SeedView[] = [
  gridView(PROJECTS, 'All projects'),
  gridView(PROJECTS, 'Active projects', {
    filterByFormula: "{Status} = 'In progress'",
    sort: [{ field: 'Due', direction: 'asc' }],
  }),
];

/** Tasks' views. */
export const TASK_VIEWS: readonly SeedView[] = [
  gridView(TASKS, 'All tasks'),
  gridView(TASKS, 'Open tasks', {
    filterByFormula: 'NOT({Done})',
    sort: [{ field: 'Due', direction: 'asc' }],
  }),
  gridView(TASKS, 'Blocked', {
    filterByFormula: "{Status} = 'Blocked'",
    sort: [{ field: 'Due', direction: 'asc' }],
  }),
];

/** People's views. */
export const PEOPLE_VIEWS: readonly SeedView[] = [gridView(PEOPLE, 'Team')];
