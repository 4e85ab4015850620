/**
 * The migrations Job does what the services do at boot: its steps, run as the Job runs them
 * (same command, same order, from the repository root the images use as working directory),
 * bring an empty database to the schema of the registry, the gateway and chat, after which the
 * services' own boot-time migrations find nothing left to apply.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { V1Job } from '@kubernetes/client-node';
import { migrateChat } from '@pyairtable/chat';
import { migrateGateway } from '@pyairtable/gateway';
import { createTestDatabase, startTestPostgres, withClient } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import { named, renderObjects, RENDERINGS } from './support/helm-chart.ts';
import { allContainers } from './support/pod-specs.ts';

const run = promisify(execFile);
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

let postgres: TestPostgres | undefined;
let database: TestDatabase | undefined;
let job: V1Job | undefined;

beforeAll(async () => {
  await ensureGoTool('helm');
  const [defaults] = RENDERINGS;
  if (defaults === undefined) throw new Error('no default rendering');
  job = named(await renderObjects(defaults), 'Job', 'pyairtable-migrations');
  postgres = await startTestPostgres();
  database = await createTestDatabase(postgres.adminUrl);
}, 30 * 60_000);

afterAll(async () => {
  await database?.drop();
  await postgres?.stop();
});

/** The Job's steps in the order Kubernetes runs them. */
function steps() {
  const spec = job?.spec?.template.spec;
  if (spec === undefined) throw new Error('no Job');
  return allContainers(spec);
}

/** The file names a migrations folder holds, as node-pg-migrate records them. */
async function migrationNames(folder: string): Promise<string[]> {
  return (await readdir(path.join(REPOSITORY, folder)))
    .map((file) => file.replace(/\.[^.]+$/, ''))
    .toSorted();
}

describe('the migrations Job', () => {
  it('applies the registry, gateway and chat migrations into their own tables', async () => {
    if (database === undefined) throw new Error('no database');
    const url = database.url;
    for (const step of steps()) {
      const [program, ...args] = step.command ?? [];
      expect(program, step.name).toBe('node');
      expect(step.workingDir).toBe('/app');
      // The image's /app is the repository root; Node 24 runs the kit's command as it is.
      const { stdout } = await run(process.execPath, args, {
        cwd: REPOSITORY,
        env: { DATABASE_URL: url },
        timeout: 120_000,
      });
      expect(stdout, step.name).toMatch(/applied \d+ migration\(s\)/);
    }
    for (const [table, folder] of [
      ['registry_migrations', 'services/registry/migrations'],
      ['gateway_migrations', 'services/gateway/migrations'],
      ['chat_migrations', 'services/chat/migrations'],
    ] as const) {
      const recorded = await withClient(url, (client) =>
        client.query<{ name: string }>(`select name from ${table}`),
      );
      expect(recorded.rows.map((row) => row.name).toSorted(), table).toEqual(
        await migrationNames(folder),
      );
    }
  });

  it('leaves nothing for the services to apply at boot', async () => {
    if (database === undefined) throw new Error('no database');
    expect(await migrateGateway(database.url)).toEqual([]);
    expect(await migrateChat(database.url)).toEqual([]);
  });
});
