import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { childEnvironment } from '@pyairtable/kit';
import {
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
  repositoryRoot,
  useMcpProcess,
} from './running-mcp.ts';

const run = promisify(execFile);
const inspectorPackage = createRequire(import.meta.url).resolve(
  '@modelcontextprotocol/inspector/package.json',
);
const inspectorCli = path.join(path.dirname(inspectorPackage), 'clients/launcher/build/index.js');

const mcp = useMcpProcess();

/** What the CLI printed and how it exited. */
interface Inspection {
  readonly exitCode: number;
  /** The JSON-RPC result it printed first. */
  readonly result: unknown;
}

/** Runs the MCP Inspector's CLI against mcp with the API key. */
async function inspect(args: readonly string[]): Promise<Inspection> {
  const outcome = await run(
    process.execPath,
    [
      inspectorCli,
      '--cli',
      `${mcp.running.url}/mcp`,
      '--transport',
      'http',
      '--header',
      `Authorization: Bearer ${mcp.running.apiKey}`,
      ...args,
    ],
    {
      cwd: repositoryRoot,
      timeout: 60_000,
      env: childEnvironment({
        MCP_CATALOG_PATH: path.join(tmpdir(), `inspector-catalog-${String(process.pid)}.json`),
      }),
    },
  ).then(
    ({ stdout }) => ({ exitCode: 0, stdout }),
    // The CLI prints the result, then exits 5 when the tool answered isError.
    (error: unknown) => {
      const failed = error as { code?: number; stdout?: string };
      return { exitCode: failed.code ?? -1, stdout: failed.stdout ?? '' };
    },
  );
  return { exitCode: outcome.exitCode, result: firstJsonDocument(outcome.stdout) };
}

// The result is pretty-printed JSON; an error envelope may follow it on its own line.
function firstJsonDocument(stdout: string): unknown {
  const end = stdout.indexOf('\n}\n');
  return JSON.parse(end === -1 ? stdout : stdout.slice(0, end + 2)) as unknown;
}

describe('the MCP Inspector CLI as an outside client', () => {
  it('lists the tools', async () => {
    const { exitCode, result } = await inspect(['--method', 'tools/list']);
    expect(exitCode).toBe(0);
    const listed = result as { tools: { name: string }[] };
    expect(listed.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining([
        'list_bases',
        'list_records',
        'aggregate_records',
        'airtable_list_records',
      ]),
    );
  });

  it('calls list_records on a base of the workspace', async () => {
    const { exitCode, result: output } = await inspect([
      '--method',
      'tools/call',
      '--tool-name',
      'list_records',
      '--tool-arg',
      `baseId=${DEMO_SALES_BASE_ID}`,
      '--tool-arg',
      'table=Deals',
      '--tool-arg',
      'pageSize=3',
    ]);
    expect(exitCode).toBe(0);
    const result = output as { isError?: boolean; structuredContent: { records: unknown[] } };
    expect(result.isError).not.toBe(true);
    expect(result.structuredContent.records).toHaveLength(3);
  });

  it('gets the scope error for a base outside the workspace', async () => {
    const { exitCode, result: output } = await inspect([
      '--method',
      'tools/call',
      '--tool-name',
      'list_records',
      '--tool-arg',
      `baseId=${DEMO_PROJECTS_BASE_ID}`,
      '--tool-arg',
      'table=Projects',
    ]);
    expect(exitCode).toBe(5);
    const result = output as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain(
      `outside this workspace. Allowed bases: ${DEMO_SALES_BASE_ID}`,
    );
  });
});
