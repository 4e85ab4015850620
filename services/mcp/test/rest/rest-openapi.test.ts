import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH } from '../../src/index.ts';
import { useRestApp } from './rest-harness.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  components: { securitySchemes: Record<string, { type: string }> };
  paths: Record<string, Record<string, Operation>>;
}

const PREFIX = '/api/v1/airtable';

describe('REST OpenAPI document', () => {
  const suite = useRestApp();

  async function openApiDocument(): Promise<OpenApiDocument> {
    const response = await suite.app.inject({ method: 'GET', url: OPENAPI_PATH });
    expect(response.statusCode).toBe(200);
    return response.json<OpenApiDocument>();
  }

  it('is OpenAPI 3.1 with its title and bearer and API key security schemes', async () => {
    const document = await openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('PyAirtable Airtable API');
    expect(document.components.securitySchemes['bearerAuth']?.type).toBe('http');
    expect(document.components.securitySchemes['apiKey']?.type).toBe('apiKey');
  });

  it('lists every route with its operationId, tags and summary, and nothing else', async () => {
    const document = await openApiDocument();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(
      operations
        .map(({ path, method, operation }) => `${method} ${path} ${operation.operationId ?? ''}`)
        .sort(),
    ).toEqual(
      [
        `get ${PREFIX}/bases listBases`,
        `get ${PREFIX}/bases/{baseId}/schema getBaseSchema`,
        `get ${PREFIX}/bases/{baseId}/tables/{table}/records listRecords`,
        `post ${PREFIX}/bases/{baseId}/tables/{table}/records createRecords`,
        `patch ${PREFIX}/bases/{baseId}/tables/{table}/records updateRecords`,
        `put ${PREFIX}/bases/{baseId}/tables/{table}/records replaceRecords`,
        `delete ${PREFIX}/bases/{baseId}/tables/{table}/records deleteRecords`,
        `get ${PREFIX}/bases/{baseId}/tables/{table}/records/{recordId} getRecord`,
        `post ${PREFIX}/cache/invalidate invalidateCache`,
      ].sort(),
    );
    for (const { operation } of operations) {
      expect(operation.tags?.length).toBeGreaterThan(0);
      expect(operation.summary).toBeTruthy();
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '500']),
      );
      expect(operation.responses['403']?.content).toHaveProperty(['application/problem+json']);
    }
  });
});
