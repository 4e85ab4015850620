import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/llm/offline-question.ts';
import type { OfflineIntent } from '../../src/llm/offline-question.ts';

describe('offline planner: questions it understands', () => {
  it.each<[string, OfflineIntent]>([
    ['list the bases', { kind: 'list-bases' }],
    ['Which bases can I use?', { kind: 'list-bases' }],
    ['how many bases do I have', { kind: 'list-bases' }],
    ['List the tables', { kind: 'list-tables', base: undefined }],
    ['what tables does Sales CRM have?', { kind: 'list-tables', base: 'Sales CRM' }],
    ['show tables in the Project tracker base', { kind: 'list-tables', base: 'Project tracker' }],
    ['show 5 deals', { kind: 'list-records', table: 'deals', count: 5 }],
    ['Show me the first three tasks records', { kind: 'list-records', table: 'tasks', count: 3 }],
    ['list records from the Contacts table', { kind: 'list-records', table: 'Contacts', count: 5 }],
    ['show won deals', { kind: 'list-records', table: 'won deals', count: 5 }],
    ['How many deals are won?', { kind: 'count', table: 'deals', condition: 'won' }],
    ['how many deals do we have', { kind: 'count', table: 'deals', condition: undefined }],
    [
      'How many deals where Stage is Closed Won',
      { kind: 'count', table: 'deals', condition: 'Stage is Closed Won' },
    ],
    ['count tasks in Blocked', { kind: 'count', table: 'tasks', condition: 'Blocked' }],
    [
      'What is the total Amount of deals that are won?',
      { kind: 'sum', field: 'Amount', table: 'deals', condition: 'won' },
    ],
    [
      'sum of Amount for won deals',
      { kind: 'sum', field: 'Amount', table: 'won deals', condition: undefined },
    ],
    ['search contacts for "Smith"', { kind: 'search', table: 'contacts', term: 'Smith' }],
    ['find Atlas in deals', { kind: 'search', table: 'deals', term: 'Atlas' }],
    ['Write me a poem', { kind: 'unknown' }],
  ])('%s', (question, intent) => {
    expect(parseQuestion(question)).toEqual(intent);
  });
});
