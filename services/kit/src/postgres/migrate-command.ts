/**
 * Applies a folder of migrations, for a deploy step or a person at a terminal:
 *
 *   DATABASE_URL=… node services/kit/src/postgres/migrate-command.ts <dir> [--table <name>] [--down]
 *
 * The database comes from DATABASE_URL (through the config loader), or from `--database-url`,
 * though a URL on the command line shows its password to anyone who can list processes.
 * Exits 0 when the schema is up to date, 1 when a migration failed, 2 on misuse.
 */
import { parseArgs } from 'node:util';
import { Type } from 'typebox';
import { loadConfig } from '../config/load-config.ts';
import { runMigrations } from './run-migrations.ts';

const usage =
  'usage: DATABASE_URL=<url> node services/kit/src/postgres/migrate-command.ts <dir> [--table <name>] [--down]\n';

interface Command {
  readonly dir: string;
  readonly databaseUrl: string;
  readonly table: string | undefined;
  readonly down: boolean;
}

function parseCommandLine(): Command | undefined {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        'database-url': { type: 'string' },
        table: { type: 'string' },
        down: { type: 'boolean', default: false },
      },
    });
    const [dir, ...extra] = positionals;
    const environment = loadConfig(
      Type.Object({ DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })) }),
    );
    const databaseUrl = values['database-url'] ?? environment.DATABASE_URL;
    if (dir === undefined || extra.length > 0 || databaseUrl === undefined) return undefined;
    return { dir, databaseUrl, table: values.table, down: values.down };
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
      ...(command.table === undefined ? {} : { migrationsTable: command.table }),
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
