import type { Knex } from 'knex';
import { replaceAreas } from '../../../adapters/knex/knex-area-writer.js';
import { migrateLatest, migrations } from '../../../adapters/knex/migrate.js';
import { loadAreaDataset } from '../../../adapters/reference/area-dataset.js';
import { loadDemoData } from '../../composition/demo/load-demo-data.js';
import { TOKENS as T } from '../../../adapters/tokens.js';
import { type CliContext, type CliOutput, databaseOf } from '../cli-context.js';
import { CommandFailed } from './command-failed.js';

/**
 * `migrate`: brings the schema up to date and writes the release's area tree, as an app instance
 * does at start (safe beside running instances: the same locks serialise them).
 */
export async function migrateCommand(context: CliContext, io: CliOutput): Promise<void> {
  const before = await appliedMigrations(context.db);
  await migrateLatest(context.db);
  const areas = loadAreaDataset();
  await replaceAreas(context.db, areas);
  const applied = migrations.length - before;
  io.out(`${databaseOf(context)}: ${applied === 0 ? 'schema already up to date' : `${applied} migration${applied === 1 ? '' : 's'} applied`} (${migrations.length} in all); ${areas.length} areas written`);
}

/**
 * `demo`: the demo data of spec/API.md (opers 1 and 2, catalog, demo user) on an empty database,
 * after migrating it. Refused in production; a database that has opers is left alone.
 */
export async function demoCommand(context: CliContext, io: CliOutput): Promise<void> {
  if (context.config.appEnv === 'production') throw new CommandFailed('the demo data is never loaded in production (APP_ENV=production)');
  await migrateCommand(context, io);
  const loaded = await loadDemoData(context.db, { secrets: context.container.get(T.SecretBox), now: context.container.get(T.Clock).now(), logger: context.logger });
  io.out(loaded ? 'demo data loaded (an app instance enrols the new merchant accounts in the sandbox when it starts)' : 'the database has opers already: demo data not loaded');
}

async function appliedMigrations(db: Knex): Promise<number> {
  if (!(await db.schema.hasTable('knex_migrations'))) return 0;
  const [row] = (await db('knex_migrations').count({ n: '*' })) as Array<{ n: number | string }>;
  return Number(row?.n ?? 0);
}
