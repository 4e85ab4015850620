import { DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { problemOf, useRestApp } from './rest-harness.ts';

interface Table {
  id: string;
  name: string;
  primaryFieldId?: string;
  fields?: { id: string; name: string; type?: string }[];
  views?: { id: string; name: string }[];
}

describe('REST bases routes', () => {
  const suite = useRestApp();

  it('lists only the bases the workspace allows, with name and permission level', async () => {
    const response = await suite.call({ method: 'GET', path: '/bases' });
    expect(response.statusCode).toBe(200);
    const { bases } = response.json<{ bases: { id: string; name: string }[] }>();
    expect(bases.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: DEMO_SALES_BASE_ID, name: 'Sales CRM' },
    ]);
    expect(Object.keys(bases[0] ?? {}).sort()).toEqual(['id', 'name', 'permissionLevel']);
  });

  it('returns the full schema by default and less on request', async () => {
    const full = await suite.call({ method: 'GET', path: `/bases/${DEMO_SALES_BASE_ID}/schema` });
    expect(full.statusCode).toBe(200);
    const tables = full.json<{ tables: Table[] }>().tables;
    expect(tables.map((table) => table.name)).toEqual(['Companies', 'Contacts', 'Deals']);
    const deals = tables.find((table) => table.name === 'Deals');
    expect(deals?.fields?.find((field) => field.name === 'Amount')?.type).toBe('currency');

    const ids = await suite.call({
      method: 'GET',
      path: `/bases/${DEMO_SALES_BASE_ID}/schema?detail=tableIds`,
    });
    const [companies] = ids.json<{ tables: Table[] }>().tables;
    expect(companies?.name).toBe('Companies');
    expect(Object.keys(companies ?? {})).toEqual(['id', 'name']);

    const identifiers = await suite.call({
      method: 'GET',
      path: `/bases/${DEMO_SALES_BASE_ID}/schema?detail=identifiers`,
    });
    const first = identifiers.json<{ tables: Table[] }>().tables[0];
    expect(first?.fields?.[0]?.name).toBe('Name');
    expect(Object.keys(first?.fields?.[0] ?? {})).toEqual(['id', 'name']);
  });

  it('refuses a base outside the workspace with 403 naming the allowed bases', async () => {
    const response = await suite.call({
      method: 'GET',
      path: `/bases/${DEMO_PROJECTS_BASE_ID}/schema`,
    });
    expect(response.statusCode).toBe(403);
    const problem = problemOf(response);
    expect(problem.code).toBe('MCP_BASE_NOT_ALLOWED');
    expect(problem.detail).toContain(DEMO_SALES_BASE_ID);
  });

  it('answers 400 naming the parameter for a malformed base id or detail', async () => {
    const badId = await suite.call({ method: 'GET', path: '/bases/Deals/schema' });
    expect(badId.statusCode).toBe(400);
    expect(problemOf(badId).errors?.[0]).toMatchObject({ in: 'params', field: 'baseId' });

    const badDetail = await suite.call({
      method: 'GET',
      path: `/bases/${DEMO_SALES_BASE_ID}/schema?detail=everything`,
    });
    expect(badDetail.statusCode).toBe(400);
    expect(problemOf(badDetail).detail).toContain('querystring.detail');
  });

  it('answers 401 problem+json when the resolver rejects the caller', async () => {
    const response = await suite.call({ method: 'GET', path: '/bases', anonymous: true });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toContain('Bearer');
    const problem = problemOf(response);
    expect(problem.code).toBe('MCP_UNAUTHENTICATED');
    expect(problem.detail).toBe('A bearer token is required.');
  });

  it('authenticates before validating: an anonymous malformed request is 401, not 400', async () => {
    const response = await suite.call({
      method: 'GET',
      path: '/bases/Deals/schema',
      anonymous: true,
    });
    expect(response.statusCode).toBe(401);
  });
});
