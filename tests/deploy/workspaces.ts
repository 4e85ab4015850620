/**
 * The npm workspaces of the repository: where each lives, what it declares, and which other
 * workspaces it needs at run time (its `dependencies` on `@pyairtable/*`, transitively).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';

export interface Manifest {
  readonly name: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, string>>;
  readonly workspaces?: readonly string[];
}

export interface Workspace {
  /** Folder relative to the repository root, e.g. `services/chat`. */
  readonly dir: string;
  readonly manifest: Manifest;
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(
    await readFile(path.join(REPOSITORY_ROOT, dir, 'package.json'), 'utf8'),
  ) as Manifest;
}

/** Every workspace by package name. */
export async function readWorkspaces(): Promise<Map<string, Workspace>> {
  const root = await readManifest('.');
  const dirs: string[] = [];
  for (const pattern of root.workspaces ?? []) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      const entries = await readdir(path.join(REPOSITORY_ROOT, parent), { withFileTypes: true });
      dirs.push(
        ...entries.filter((entry) => entry.isDirectory()).map((entry) => `${parent}/${entry.name}`),
      );
    } else {
      dirs.push(pattern);
    }
  }
  const workspaces = new Map<string, Workspace>();
  for (const dir of dirs) {
    const manifest = await readManifest(dir).catch(() => undefined);
    if (manifest !== undefined) workspaces.set(manifest.name, { dir, manifest });
  }
  return workspaces;
}

/** A workspace and every workspace it depends on at run time, transitively. */
export function runtimeWorkspaceClosure(
  workspaces: ReadonlyMap<string, Workspace>,
  dir: string,
): Set<string> {
  const byDir = new Map([...workspaces.values()].map((workspace) => [workspace.dir, workspace]));
  const seen = new Set<string>();
  const visit = (current: string): void => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const dependency of Object.keys(byDir.get(current)?.manifest.dependencies ?? {})) {
      const target = workspaces.get(dependency);
      if (target !== undefined) visit(target.dir);
    }
  };
  visit(dir);
  return seen;
}

/** The workspace folder a repository file belongs to (the longest matching folder). */
export function workspaceOf(
  workspaces: ReadonlyMap<string, Workspace>,
  file: string,
): Workspace | undefined {
  return [...workspaces.values()]
    .filter((workspace) => file === workspace.dir || file.startsWith(`${workspace.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
}
