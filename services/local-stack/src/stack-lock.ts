import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a running stack records about itself in its lock file. */
export interface LockOwner {
  readonly pid: number;
  readonly startedAt: string;
}

/** Raised when another `npm start` already owns the data directory. */
export class StackAlreadyRunningError extends Error {
  readonly owner: LockOwner;

  constructor(owner: LockOwner, lockFile: string) {
    super(
      `PyAirtable is already running (pid ${owner.pid}, started ${owner.startedAt}) ` +
        `with this data directory. Stop it with Ctrl-C in its terminal or \`kill ${owner.pid}\`, ` +
        `or start another copy with its own STACK_DATA_DIR and ports. Lock: ${lockFile}`,
    );
    this.name = 'StackAlreadyRunningError';
    this.owner = owner;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockFile: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Who holds the data directory's lock, if that process is still alive. */
export function liveStackLockOwner(dataDir: string): LockOwner | undefined {
  const holder = readOwner(path.join(dataDir, 'stack.lock'));
  return holder !== undefined && isAlive(holder.pid) ? holder : undefined;
}

/**
 * Takes the data directory for this process. A lock left by a process that died is taken
 * over; one held by a live process raises {@link StackAlreadyRunningError}.
 * Returns the function that releases it.
 */
export function acquireStackLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'stack.lock');
  const owner: LockOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lockFile, JSON.stringify(owner), { flag: 'wx' });
      return () => {
        if (readOwner(lockFile)?.pid === process.pid) rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(lockFile);
      if (holder !== undefined && isAlive(holder.pid)) {
        throw new StackAlreadyRunningError(holder, lockFile);
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockFile}; another start is racing this one.`);
}
