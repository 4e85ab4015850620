/**
 * What `npm ci --workspace … [--omit=dev] [--omit=optional]` puts on disk, computed from
 * package-lock.json the way npm's reifier walks it: from each selected workspace along its
 * dependency edges (dependencies, non-optional peer dependencies, optional ones unless omitted),
 * each name resolved by walking up node_modules folders from the dependent's location.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';

interface LockEntry {
  readonly version?: string;
  readonly link?: boolean;
  readonly resolved?: string;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly devOptional?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

export interface Lockfile {
  readonly packages: Readonly<Record<string, LockEntry>>;
}

export async function readLockfile(): Promise<Lockfile> {
  return JSON.parse(
    await readFile(path.join(REPOSITORY_ROOT, 'package-lock.json'), 'utf8'),
  ) as Lockfile;
}

/** The lockfile location `name` resolves to from `from`: Node's walk up the folders. */
export function resolveFrom(lock: Lockfile, from: string, name: string): string | undefined {
  const parentOf = (dir: string): string => {
    const parent = path.posix.dirname(dir);
    return parent === '.' ? '' : parent;
  };
  for (let dir = from; ; dir = parentOf(dir)) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (dir === '') return undefined;
  }
}

export interface InstallOptions {
  /** Workspace folders passed with --workspace. */
  readonly workspaces: readonly string[];
  readonly omitDev: boolean;
  readonly omitOptional: boolean;
}

/** Lockfile locations (`node_modules/…` and workspace folders) the install writes. */
export function installedLocations(lock: Lockfile, options: InstallOptions): Set<string> {
  const installed = new Set<string>();
  // npm also links each selected workspace into node_modules under its package name.
  const links = Object.entries(lock.packages)
    .filter(([, entry]) => entry.link === true && options.workspaces.includes(entry.resolved ?? ''))
    .map(([location]) => location);
  const queue = [...options.workspaces, ...links];
  for (let location = queue.shift(); location !== undefined; location = queue.shift()) {
    if (installed.has(location)) continue;
    const entry = lock.packages[location];
    if (entry === undefined) throw new Error(`package-lock.json has no entry ${location}`);
    if (
      (options.omitDev && entry.dev === true) ||
      (options.omitOptional && entry.optional === true)
    ) {
      continue;
    }
    installed.add(location);
    if (entry.link === true && entry.resolved !== undefined) {
      queue.push(entry.resolved);
      continue;
    }
    const peers = Object.keys(entry.peerDependencies ?? {}).filter(
      (name) => entry.peerDependenciesMeta?.[name]?.optional !== true,
    );
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...peers,
      ...(options.omitOptional ? [] : Object.keys(entry.optionalDependencies ?? {})),
    ];
    for (const name of names) {
      const target = resolveFrom(lock, location, name);
      if (target !== undefined) queue.push(target);
    }
  }
  return installed;
}

/** Whether `packageName` can be loaded from a file in `workspaceDir` after the install. */
export function resolvableFrom(
  lock: Lockfile,
  installed: ReadonlySet<string>,
  workspaceDir: string,
  packageName: string,
): boolean {
  const location = resolveFrom(lock, workspaceDir, packageName);
  return location !== undefined && installed.has(location);
}
