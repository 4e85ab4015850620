/**
 * infra/local-cluster/runc-without-sys-resource.sh, run with a fake runc that records what it
 * was given: CAP_SYS_RESOURCE leaves the OCI spec before the real runc reads it (the bundle's
 * config.json on create/run, the --process file on exec), nothing else in the spec changes,
 * and runc gets the same arguments and decides the exit code.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { childEnvironment } from '@pyairtable/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const WRAPPER = path.resolve(
  import.meta.dirname,
  '../../infra/local-cluster/runc-without-sys-resource.sh',
);

// Records its arguments NUL-separated (so spaces survive), copies the spec file it is told to
// look at as it found it, and exits as told.
const FAKE_RUNC = `#!/bin/sh
printf '%s\\0' "$@" >"$FAKE_RUNC_RECORD/argv"
if [ -n "\${FAKE_RUNC_SPEC:-}" ]; then cp "$FAKE_RUNC_SPEC" "$FAKE_RUNC_RECORD/spec-seen.json"; fi
exit "\${FAKE_RUNC_EXIT:-0}"
`;

const ALL_CAPS = ['CAP_CHOWN', 'CAP_NET_ADMIN', 'CAP_SYS_RESOURCE', 'CAP_SYS_ADMIN'];
const CAPS_WITHOUT = ALL_CAPS.filter((cap) => cap !== 'CAP_SYS_RESOURCE');

function capabilities(caps: readonly string[]): Record<string, readonly string[]> {
  return {
    bounding: caps,
    effective: caps,
    permitted: caps,
    inheritable: caps,
    ambient: caps,
  };
}

function processSpec(caps: readonly string[]): Record<string, unknown> {
  return {
    terminal: false,
    user: { uid: 0, gid: 0 },
    args: ['/sbin/init'],
    env: ['PATH=/usr/bin:/bin', 'container=docker'],
    cwd: '/',
    capabilities: capabilities(caps),
    noNewPrivileges: false,
  };
}

function bundleSpec(caps: readonly string[]): Record<string, unknown> {
  return {
    ociVersion: '1.2.0',
    process: processSpec(caps),
    root: { path: 'rootfs', readonly: false },
    hostname: 'pyairtable-control-plane',
    mounts: [{ destination: '/proc', type: 'proc', source: 'proc' }],
    linux: { namespaces: [{ type: 'pid' }, { type: 'mount' }], cgroupsPath: 'system.slice:x' },
  };
}

interface WrapperRun {
  readonly exitCode: number;
  readonly argv: readonly string[];
  /** The spec file as the real runc found it, when the run named one. */
  readonly specSeen: string | undefined;
}

let dir: string;
let record: string;
let fakeRunc: string;

async function runWrapper(
  args: readonly string[],
  options: { cwd?: string; specSeen?: string; exitCode?: number } = {},
): Promise<WrapperRun> {
  const env = childEnvironment({
    REAL_RUNC: fakeRunc,
    FAKE_RUNC_RECORD: record,
    FAKE_RUNC_SPEC: options.specSeen ?? '',
    FAKE_RUNC_EXIT: String(options.exitCode ?? 0),
  });
  let exitCode = 0;
  try {
    await promisify(execFile)('sh', [WRAPPER, ...args], { env, cwd: options.cwd ?? dir });
  } catch (error) {
    exitCode = (error as { code?: number }).code ?? -1;
  }
  const argv = (await readFile(path.join(record, 'argv'), 'utf8')).split('\0').slice(0, -1);
  const specSeen =
    options.specSeen === undefined
      ? undefined
      : await readFile(path.join(record, 'spec-seen.json'), 'utf8');
  return { exitCode, argv, specSeen };
}

async function writeJson(file: string, value: unknown): Promise<string> {
  const text = JSON.stringify(value, null, 2) + '\n';
  await writeFile(file, text);
  return text;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runc-wrapper-'));
  record = path.join(dir, 'record');
  await mkdir(record);
  fakeRunc = path.join(dir, 'fake-runc');
  await writeFile(fakeRunc, FAKE_RUNC);
  await chmod(fakeRunc, 0o755);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runc-without-sys-resource.sh on create and run', () => {
  let bundle: string;
  let config: string;

  beforeEach(async () => {
    bundle = path.join(dir, 'bundle with space');
    config = path.join(bundle, 'config.json');
    await mkdir(bundle);
    await writeJson(config, bundleSpec(ALL_CAPS));
  });

  const invocations: readonly [string, (bundle: string) => string[]][] = [
    ['create --bundle <dir>', (b) => ['create', '--bundle', b, 'node-1']],
    ['create --bundle=<dir>', (b) => ['create', `--bundle=${b}`, 'node-1']],
    ['create -b <dir>', (b) => ['create', '-b', b, 'node-1']],
    [
      'global options before create',
      (b) => [
        '--root',
        '/run/docker/runtime-runc/moby',
        '--log',
        '/tmp/a log/runc.json',
        '--systemd-cgroup',
        'create',
        '--bundle',
        b,
        '--pid-file',
        '/tmp/pid',
        'node-1',
      ],
    ],
    ['run --bundle <dir>', (b) => ['run', '--bundle', b, '--detach', 'node-1']],
  ];

  it.each(invocations)(
    '%s: takes CAP_SYS_RESOURCE out of every capability list before runc reads it',
    async (_name, argsFor) => {
      const args = argsFor(bundle);
      const run = await runWrapper(args, { specSeen: config });

      expect(run.exitCode).toBe(0);
      expect(run.argv).toEqual(args);
      const seen = JSON.parse(run.specSeen ?? '') as unknown;
      expect(seen).toEqual(bundleSpec(CAPS_WITHOUT));
    },
  );

  it('uses the working directory as the bundle when none is named', async () => {
    const run = await runWrapper(['create', 'node-1'], { cwd: bundle, specSeen: config });

    expect(run.argv).toEqual(['create', 'node-1']);
    expect(JSON.parse(run.specSeen ?? '')).toEqual(bundleSpec(CAPS_WITHOUT));
  });

  it('leaves a spec without CAP_SYS_RESOURCE byte for byte as it was', async () => {
    const original = await writeJson(config, bundleSpec(CAPS_WITHOUT));

    const run = await runWrapper(['create', '--bundle', bundle, 'node-1'], { specSeen: config });

    expect(run.specSeen).toBe(original);
    expect(await readFile(config, 'utf8')).toBe(original);
  });

  it("exits with the real runc's exit code", async () => {
    const run = await runWrapper(['create', '--bundle', bundle, 'node-1'], { exitCode: 3 });

    expect(run.exitCode).toBe(3);
  });
});

describe('runc-without-sys-resource.sh on exec', () => {
  let processFile: string;

  beforeEach(async () => {
    processFile = path.join(dir, 'process.json');
    await writeJson(processFile, processSpec(ALL_CAPS));
  });

  it.each([
    ['--process <file>', (file: string) => ['exec', '--process', file, '--detach', 'node-1']],
    ['-p <file>', (file: string) => ['exec', '-p', file, 'node-1']],
    ['--process=<file>', (file: string) => ['exec', `--process=${file}`, 'node-1']],
  ])('%s: takes CAP_SYS_RESOURCE out of the process capabilities', async (_name, argsFor) => {
    const args = argsFor(processFile);
    const run = await runWrapper(args, { specSeen: processFile });

    expect(run.argv).toEqual(args);
    expect(JSON.parse(run.specSeen ?? '')).toEqual(processSpec(CAPS_WITHOUT));
  });

  it('leaves the bundle alone when exec names no process file', async () => {
    const config = path.join(dir, 'config.json');
    const original = await writeJson(config, bundleSpec(ALL_CAPS));

    const run = await runWrapper(['exec', 'node-1', 'sh', '-c', 'true'], { specSeen: config });

    expect(run.argv).toEqual(['exec', 'node-1', 'sh', '-c', 'true']);
    expect(run.specSeen).toBe(original);
  });
});

describe('runc-without-sys-resource.sh on anything else', () => {
  it.each([
    [['state', 'node-1']],
    [['delete', '--force', 'node-1']],
    [['--root', '/run/runc', 'kill', 'node-1', 'KILL']],
  ])('passes %j through untouched, keeping runc exit code', async (args) => {
    // A spec that create would edit sits in the working directory, the default bundle.
    const config = path.join(dir, 'config.json');
    const original = await writeJson(config, bundleSpec(ALL_CAPS));

    const run = await runWrapper(args, { specSeen: config, exitCode: 1 });

    expect(run.argv).toEqual(args);
    expect(run.specSeen).toBe(original);
    expect(await readFile(config, 'utf8')).toBe(original);
    expect(run.exitCode).toBe(1);
  });
});
