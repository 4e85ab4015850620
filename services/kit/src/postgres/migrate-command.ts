/**
 * Applies a folder of migrations, for a deploy step or a person at a terminal:
 *
 *   node services/kit/src/postgres/migrate-command.ts <dir> --database-url <url> [--down]
 *
 * The URL is an argument rather than DATABASE_URL because only the config module reads the
 * environment. Exits 0 when the schema is up to date, 1 when a migration failed, 2 on misuse.
 */
import { parseArgs } from 'node:util';
import { runMigrations } from './run-migrations.ts';

const usage =
  'usage: node services/kit/src/postgres/migrate-command.ts <dir> --database-url <url> [--down]\n';

function parseCommandLine(): { dir: string; databaseUrl: string; down: boolean } | undefined {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        'database-url': { type: 'string' },
        down: { type: 'boolean', default: false },
      },
    });
    const [dir, ...extra] = positionals;
    const databaseUrl = values['database-url'];
    if (dir === undefined || extra.length > 0 || databaseUrl === undefined) return undefined;
    return { dir, databaseUrl, down: values.down };
  } catch {
    return undefined;
  }
}

const command = parseCommandLine();
if (command === undefined) {
  process.stderr.write(usage);
  process.exitCode = 2;
} else {
  try {
    const done = await runMigrations({
      databaseUrl: command.databaseUrl,
      dir: command.dir,
      direction: command.down ? 'down' : 'up',
      log: (message) => process.stdout.write(`${message}\n`),
    });
    process.stdout.write(`${command.down ? 'reverted' : 'applied'} ${done.length} migration(s)\n`);
  } catch (error) {
    process.stderr.write(
      `migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
