/**
 * The Dockerfile, checked without a Docker engine: one target per component, every base a
 * pinned Node 24 slim image, targets running as a non-root user with NODE_ENV=production and
 * no dev dependencies, entry points that exist and are copied in, the web bundle built into the
 * gateway, and a build context that keeps node_modules, .data and .git out.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Value } from 'typebox/value';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceCatalog } from '../../services/local-stack/src/service-catalog.ts';
import { stackConfigSchema } from '../../services/local-stack/src/stack-config.ts';
import {
  copies,
  dockerignoreMatcher,
  effective,
  execForm,
  inheritedInstructions,
  readDockerfile,
  REPOSITORY_ROOT,
  stageChain,
} from './dockerfile-model.ts';
import type { Dockerfile, Instruction } from './dockerfile-model.ts';
import { readLockfile } from './production-install.ts';
import { readWorkspaces, runtimeWorkspaceClosure, workspaceOf } from './workspaces.ts';
import type { Workspace } from './workspaces.ts';

/** The deployable components and the workspace each runs. */
const TARGETS = {
  gateway: 'services/gateway',
  chat: 'services/chat',
  mcp: 'services/mcp',
  operator: 'operator',
  'airtable-emulator': 'services/airtable-emulator',
} as const;
type Target = keyof typeof TARGETS;
const TARGET_NAMES = Object.keys(TARGETS) as Target[];

let dockerfile: Dockerfile;
let workspaces: Map<string, Workspace>;
let ignored: (relativePath: string) => boolean;

beforeAll(async () => {
  dockerfile = await readDockerfile();
  workspaces = await readWorkspaces();
  ignored = dockerignoreMatcher(
    await readFile(path.join(REPOSITORY_ROOT, '.dockerignore'), 'utf8'),
  );
});

const npmInstalls = (instructions: readonly Instruction[]): string[] =>
  instructions
    .filter(
      (instruction) =>
        instruction.keyword === 'RUN' && /\bnpm (ci|install|i)\b/.test(instruction.raw),
    )
    .map((instruction) => instruction.raw);

/** The folders a stage copies from the build context (not from other stages). */
const contextSources = (target: string): string[] =>
  copies(inheritedInstructions(dockerfile, target))
    .filter((copy) => copy.from === undefined)
    .flatMap((copy) => copy.sources);

/** A path is in the image when a COPY put it (or a folder holding it) at that path. */
const copiedInto = (target: string, file: string): boolean =>
  copies(inheritedInstructions(dockerfile, target)).some((copy) => {
    const destination = copy.destination.replace(/\/$/, '');
    return destination !== '.' && (file === destination || file.startsWith(`${destination}/`));
  });

describe('the Dockerfile', () => {
  it('has one final target per deployable component', () => {
    const usedAsBase = new Set(
      [...dockerfile.stages.values()].flatMap((stage) => [
        stage.from,
        ...copies(stage.instructions).flatMap((copy) =>
          copy.from === undefined ? [] : [copy.from],
        ),
      ]),
    );
    const finals = [...dockerfile.stages.keys()].filter((name) => !usedAsBase.has(name));
    expect(finals.toSorted()).toEqual(TARGET_NAMES.toSorted());
  });

  it('builds every stage on a pinned Node 24 slim image, the Node the repository pins', async () => {
    const nodeVersion = (await readLockfile()).packages['node_modules/node']?.version;
    for (const stage of dockerfile.stages.values()) {
      if (dockerfile.stages.has(stage.from)) continue;
      const pinned = /^node:(24\.\d+\.\d+)-[a-z]+-slim$/.exec(stage.from);
      expect(pinned, `${stage.name} is built on ${stage.from}`).not.toBeNull();
      expect(pinned?.[1], `${stage.name}: the node dev dependency is ${String(nodeVersion)}`).toBe(
        nodeVersion,
      );
    }
  });

  it('runs every target as a numeric user other than root, created in the image', () => {
    for (const target of TARGET_NAMES) {
      const user = /^(\d+)(?::(\d+))?$/.exec(effective(dockerfile, target, 'USER') ?? '');
      expect(user, `${target}: USER must be numeric (uid:gid) for runAsNonRoot`).not.toBeNull();
      const uid = user?.[1] ?? '0';
      expect(uid, target).not.toBe('0');
      const created = inheritedInstructions(dockerfile, target).some(
        (instruction) =>
          instruction.keyword === 'RUN' &&
          new RegExp(`useradd\\b.*--uid ${uid}\\b`).test(instruction.raw),
      );
      expect(created, `${target}: no useradd --uid ${uid}`).toBe(true);
    }
  });

  it('sets NODE_ENV=production in every target', () => {
    for (const target of TARGET_NAMES) {
      const env = inheritedInstructions(dockerfile, target).filter(
        (instruction) => instruction.keyword === 'ENV',
      );
      expect(
        env.some((instruction) => /\bNODE_ENV=production\b/.test(instruction.raw)),
        target,
      ).toBe(true);
    }
  });

  it('installs no dev dependencies into a target', () => {
    for (const target of TARGET_NAMES) {
      const chain = inheritedInstructions(dockerfile, target);
      for (const install of npmInstalls(chain)) {
        expect(install, `${target} inherits a dev install`).toMatch(/--omit=dev\b/);
      }
      for (const copy of copies(chain).filter((item) => item.from !== undefined)) {
        const from = copy.from ?? '';
        const installs = npmInstalls(inheritedInstructions(dockerfile, from));
        expect(
          installs.length,
          `${target} copies from ${from}, which installs nothing`,
        ).toBeGreaterThan(0);
        if (installs.every((install) => /--omit=dev\b/.test(install))) {
          // Production dependencies: the only thing such a stage may hand over is node_modules.
          expect(copy.sources, `${target} from ${from}`).toEqual(['/app/node_modules/']);
        } else {
          // A stage with dev tools (the web bundler) may hand over build output only.
          for (const source of copy.sources) {
            expect(source, `${target} copies ${source} from ${from}`).toMatch(/\/build\//);
            expect(source, `${target} copies ${source} from ${from}`).not.toMatch(/node_modules/);
          }
        }
      }
    }
  });

  it('starts each service with the entry point npm start runs, behind the tracing preload', () => {
    const catalog = serviceCatalog(
      Value.Parse(stackConfigSchema, Value.Default(stackConfigSchema, {})),
      { emulatorTokens: 'tokens.json', emulatorData: 'data.json' },
      { email: 'admin@example.com', password: 'x' },
    );
    for (const service of catalog) {
      const command = [
        ...execForm(effective(dockerfile, service.name, 'ENTRYPOINT')),
        ...execForm(effective(dockerfile, service.name, 'CMD')),
      ];
      expect(command).toEqual([
        'node',
        '--import',
        '@pyairtable/kit/tracing/register',
        service.entry,
      ]);
      const exposed = stageChain(dockerfile, service.name)
        .at(-1)
        ?.instructions.find((instruction) => instruction.keyword === 'EXPOSE')?.args;
      expect(exposed, service.name).toEqual([String(service.port)]);
    }
    expect([
      ...execForm(effective(dockerfile, 'operator', 'ENTRYPOINT')),
      ...execForm(effective(dockerfile, 'operator', 'CMD')),
    ]).toEqual(['node', 'operator/src/main.ts']);
  });

  it("points every entry at a file that exists and is copied into the target's WORKDIR", () => {
    for (const target of TARGET_NAMES) {
      expect(effective(dockerfile, target, 'WORKDIR'), target).toBe('/app');
      const command = execForm(effective(dockerfile, target, 'CMD'));
      const files = command.filter((arg) => arg.endsWith('.ts'));
      const preload = command[command.indexOf('--import') + 1];
      if (command.includes('--import') && preload !== undefined) {
        const kit = workspaces.get('@pyairtable/kit');
        const exported = kit?.manifest.exports?.[`.${preload.slice('@pyairtable/kit'.length)}`];
        expect(exported, `${preload} is not exported by the kit`).toBeDefined();
        files.push(path.posix.join(kit?.dir ?? '', exported ?? ''));
      }
      expect(files.length, target).toBeGreaterThan(0);
      for (const file of files) {
        expect(
          existsSync(path.join(REPOSITORY_ROOT, file)),
          `${target}: ${file} does not exist`,
        ).toBe(true);
        expect(copiedInto(target, file), `${target}: ${file} is not copied in`).toBe(true);
      }
    }
  });

  it('copies into each target the sources of exactly the workspaces it runs on', () => {
    for (const target of TARGET_NAMES) {
      const expected = runtimeWorkspaceClosure(workspaces, TARGETS[target]);
      const copiedWorkspaces = new Set(
        contextSources(target).flatMap((source) => {
          const workspace = workspaceOf(workspaces, source.replace(/\/$/, ''));
          return workspace === undefined ? [] : [workspace.dir];
        }),
      );
      expect([...copiedWorkspaces].toSorted(), target).toEqual([...expected].toSorted());
    }
  });

  it('installs the production dependencies of the five targets, with every manifest npm ci needs', () => {
    const [install] = npmInstalls(
      dockerfile.stages.get('production-dependencies')?.instructions ?? [],
    );
    const selected = [...(install ?? '').matchAll(/--workspace\s+(\S+)/g)].map((match) => match[1]);
    expect(selected.toSorted()).toEqual(Object.values(TARGETS).toSorted());
    expect(install).toMatch(/--omit=optional\b/);
    const needed = new Set(
      Object.values(TARGETS).flatMap((dir) => [...runtimeWorkspaceClosure(workspaces, dir)]),
    );
    const manifests = contextSources('production-dependencies');
    expect(manifests).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
    for (const dir of needed) expect(manifests, dir).toContain(`${dir}/package.json`);
  });

  it('bundles the web app in its own stage and copies the bundle into the gateway after its sources', () => {
    const webBuild = dockerfile.stages.get('web-build');
    expect(
      webBuild?.instructions.some(
        (instruction) => instruction.raw === 'node services/web/build.ts',
      ),
    ).toBe(true);
    const gatewayCopies = copies(stageChain(dockerfile, 'gateway').at(-1)?.instructions ?? []);
    const bundle = gatewayCopies.findIndex((copy) => copy.from === 'web-build');
    const sources = gatewayCopies.findIndex((copy) => copy.sources.includes('services/web/src/'));
    expect(gatewayCopies[bundle]?.destination).toBe('services/web/build/app/');
    // The gateway rebuilds the bundle (with esbuild, absent here) when a source is newer.
    expect(sources).toBeGreaterThanOrEqual(0);
    expect(bundle).toBeGreaterThan(sources);
  });
});

describe('.dockerignore', () => {
  it('keeps node_modules, .data and .git out of the build context', () => {
    for (const file of [
      'node_modules/fastify/package.json',
      'services/kit/node_modules/x/index.js',
      '.data/stack.json',
      '.data/postgres/PG_VERSION',
      '.git/HEAD',
      'services/web/build/app/index.html',
      'services/chat/test/chat.test.ts',
    ]) {
      expect(ignored(file), file).toBe(true);
    }
  });

  it('lets in everything a target copies from the context', () => {
    for (const name of dockerfile.stages.keys()) {
      for (const source of contextSources(name)) {
        expect(
          existsSync(path.join(REPOSITORY_ROOT, source)),
          `${name}: ${source} does not exist`,
        ).toBe(true);
        expect(ignored(source.replace(/\/$/, '')), `${name}: ${source} is ignored`).toBe(false);
      }
    }
    expect(ignored('services/web/build.ts')).toBe(false);
    expect(ignored('services/chat/migrations/0001_chat.sql')).toBe(false);
  });
});
