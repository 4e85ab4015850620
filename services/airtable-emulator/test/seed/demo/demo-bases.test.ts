import { describe, expect, it } from 'vitest';
import { DEMO_REFERENCE_DATE, addDays } from '../../../src/seed/calendar.ts';
import { demoBases } from '../../../src/seed/demo/demo-bases.ts';
import {
  DEMO_DEALS_TABLE_ID,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
} from '../../../src/seed/demo/demo-ids.ts';
import type { SeedBase, SeedTable } from '../../../src/seed/seed-format.ts';
import { seedProblems } from '../../../src/seed/seed-problems.ts';

function baseAt(index: number): SeedBase {
  const base = demoBases()[index];
  if (base === undefined) throw new Error(`no demo base #${index}`);
  return base;
}

function tableNamed(base: SeedBase, name: string): SeedTable {
  const table = base.tables.find((candidate) => candidate.name === name);
  if (table === undefined) throw new Error(`no table ${name}`);
  return table;
}

const sales = baseAt(0);
const projects = baseAt(1);
const deals = tableNamed(sales, 'Deals');

describe('demoBases', () => {
  it('returns the same bases, ids and values on every call', () => {
    expect(JSON.stringify(demoBases())).toBe(JSON.stringify(demoBases()));
  });

  it('keeps the ids docs and tests quote', () => {
    expect(sales.id).toBe(DEMO_SALES_BASE_ID);
    expect(projects.id).toBe(DEMO_PROJECTS_BASE_ID);
    expect(deals.id).toBe(DEMO_DEALS_TABLE_ID);
    // Pinned: a change here breaks every doc or demo that names this deal.
    expect(deals.records[0]?.id).toBe('recIYKS7NheFsJ3g0');
  });

  it('passes every seed check: ids, fields, values, choices, links both ways, views', () => {
    expect(seedProblems(sales)).toEqual([]);
    expect(seedProblems(projects)).toEqual([]);
  });

  it('has exactly 250 deals, three pages of the API', () => {
    expect(deals.records).toHaveLength(250);
  });

  it('sizes the other tables like a small team', () => {
    const sizes = [...sales.tables, ...projects.tables].map(
      (table) => `${table.name}:${table.records.length}`,
    );
    expect(sizes).toEqual([
      'Companies:60',
      'Contacts:150',
      'Deals:250',
      'Projects:12',
      'Tasks:200',
      'People:15',
    ]);
  });

  it('names both sides of every link field as each other’s inverse', () => {
    const links = [...sales.tables, ...projects.tables]
      .flatMap((table) => table.fields)
      .filter((field) => field.type === 'multipleRecordLinks');
    expect(links.length).toBe(8);
    expect(links.every((field) => typeof field.options?.['inverseLinkFieldId'] === 'string')).toBe(
      true,
    );
  });

  it('dates deals from 12 months before the reference day to 3 months after it', () => {
    const dates = deals.records.map((record) => String(record.fields['Close Date']));
    expect(dates.every((date) => date >= addDays(DEMO_REFERENCE_DATE, -366))).toBe(true);
    expect(dates.every((date) => date <= addDays(DEMO_REFERENCE_DATE, 92))).toBe(true);
    expect(dates.filter((date) => date > DEMO_REFERENCE_DATE).length).toBeGreaterThan(20);
  });

  it('has deals in every stage and enough big ones to fill more than a page', () => {
    const stages = new Set(deals.records.map((record) => record.fields['Stage']));
    expect(stages.size).toBe(6);
    const big = deals.records.filter((record) => Number(record.fields['Amount']) > 10_000);
    expect(big.length).toBeGreaterThan(100);
  });

  it('gives every company a contact', () => {
    const companies = tableNamed(sales, 'Companies').records;
    expect(companies.every((company) => Array.isArray(company.fields['Contacts']))).toBe(true);
  });

  it('marks a task done exactly when its status is Done', () => {
    const tasks = tableNamed(projects, 'Tasks').records;
    const mismatched = tasks.filter(
      (task) => (task.fields['Done'] === true) !== (task.fields['Status'] === 'Done'),
    );
    expect(mismatched).toEqual([]);
    expect(tasks.some((task) => Array.isArray(task.fields['Attachments']))).toBe(true);
  });

  it('defines the deal views docs use', () => {
    expect(deals.views.map((view) => view.name)).toEqual([
      'All deals',
      'Open pipeline',
      'Big deals',
    ]);
  });
});
