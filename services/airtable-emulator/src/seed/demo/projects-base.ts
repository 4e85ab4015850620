/**
 * The Project tracker demo base: a dozen projects, ~200 tasks and ~15 people, linked both
 * ways. Each table draws from its own seeded sequence, like the Sales CRM base.
 */
import { withoutEmptyCells } from '../empty-values.ts';
import { idsAt, inverseLinks } from '../links.ts';
import type { SeedBase, SeedRecord } from '../seed-format.ts';
import {
  DEMO_PEOPLE_TABLE_ID,
  DEMO_PROJECTS_BASE_ID,
  DEMO_PROJECTS_TABLE_ID,
  DEMO_TASKS_TABLE_ID,
} from './demo-ids.ts';
import { tableSequences } from './table-sequences.ts';
import { draftPeople, draftProjects } from './project-drafts.ts';
import {
  PEOPLE_FIELDS,
  PEOPLE_VIEWS,
  PROJECT_FIELDS,
  PROJECT_VIEWS,
  TASK_FIELDS,
  TASK_VIEWS,
} from './projects-schema.ts';
import { draftTasks } from './task-drafts.ts';

/** Tasks in the Project tracker demo. */
export const DEMO_TASK_COUNT = 200;
/** People in the Project tracker demo. */
export const DEMO_PEOPLE_COUNT = 15;

/** The Project tracker demo base; the same records, ids and values on every call. */
export function projectsBase(): SeedBase {
  const projects = tableSequences(DEMO_PROJECTS_TABLE_ID);
  const projectDrafts = draftProjects(projects.random, projects.makeId);
  const people = tableSequences(DEMO_PEOPLE_TABLE_ID);
  const personDrafts = draftPeople(people.random, people.makeId, DEMO_PEOPLE_COUNT);
  const tasks = tableSequences(DEMO_TASKS_TABLE_ID);
  const taskDrafts = draftTasks(
    tasks.random,
    tasks.makeId,
    projectDrafts,
    personDrafts.length,
    DEMO_TASK_COUNT,
  );

  const projectIds = projectDrafts.map((project) => project.id);
  const personIds = personDrafts.map((person) => person.id);
  const taskIds = taskDrafts.map((task) => task.id);
  const assigneesOf = taskDrafts.map((task) =>
    task.assigneeIndex === undefined ? [] : [task.assigneeIndex],
  );
  const tasksOfProject = inverseLinks(
    taskIds,
    taskDrafts.map((task) => [task.projectIndex]),
    projectIds.length,
  );
  const tasksOfPerson = inverseLinks(taskIds, assigneesOf, personIds.length);

  const projectRecords: SeedRecord[] = projectDrafts.map((project, index) => ({
    id: project.id,
    createdTime: project.createdTime,
    fields: withoutEmptyCells({
      Name: project.name,
      Status: project.status,
      Start: project.start,
      Due: project.due,
      Budget: project.budget,
      Tasks: tasksOfProject[index],
    }),
  }));
  const taskRecords: SeedRecord[] = taskDrafts.map((task, index) => ({
    id: task.id,
    createdTime: task.createdTime,
    fields: withoutEmptyCells({
      ...task.fields,
      Project: idsAt(projectIds, [task.projectIndex]),
      Assignee: idsAt(personIds, assigneesOf[index] ?? []),
    }),
  }));
  const personRecords: SeedRecord[] = personDrafts.map((person, index) => ({
    id: person.id,
    createdTime: person.createdTime,
    fields: withoutEmptyCells({ ...person.fields, Tasks: tasksOfPerson[index] }),
  }));

  return {
    id: DEMO_PROJECTS_BASE_ID,
    name: 'Project tracker',
    tables: [
      {
        id: DEMO_PROJECTS_TABLE_ID,
        name: 'Projects',
        description: 'What the team is working on, with budget and progress.',
        fields: PROJECT_FIELDS,
        views: PROJECT_VIEWS,
        records: projectRecords,
      },
      {
        id: DEMO_TASKS_TABLE_ID,
        name: 'Tasks',
        description: 'Work items, one project each.',
        fields: TASK_FIELDS,
        views: TASK_VIEWS,
        records: taskRecords,
      },
      {
        id: DEMO_PEOPLE_TABLE_ID,
        name: 'People',
        description: 'The team tasks are assigned to.',
        fields: PEOPLE_FIELDS,
        views: PEOPLE_VIEWS,
        records: personRecords,
      },
    ],
  };
}
