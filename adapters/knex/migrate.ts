import type { Knex } from 'knex';
import * as tenancyTables from './migrations/0001-tenancy-tables.js';
import * as identityTables from './migrations/0002-identity-tables.js';
import * as catalogTables from './migrations/0003-catalog-tables.js';
import * as orderingTables from './migrations/0004-ordering-tables.js';
import * as bridgeTables from './migrations/0005-bridge-tables.js';
import * as catalogSearch from './migrations/0006-catalog-search.js';

interface NamedMigration {
  readonly name: string;
  readonly migration: Knex.Migration;
}

/** Every migration, in the order it runs. Names are recorded in `knex_migrations`: never rename one. */
const migrations: readonly NamedMigration[] = [
  { name: '0001-tenancy-tables', migration: tenancyTables },
  { name: '0002-identity-tables', migration: identityTables },
  { name: '0003-catalog-tables', migration: catalogTables },
  { name: '0004-ordering-tables', migration: orderingTables },
  { name: '0005-bridge-tables', migration: bridgeTables },
  { name: '0006-catalog-search', migration: catalogSearch },
];

/** Serves the imported migrations, so that nothing depends on scanning a directory of `dist/`. */
const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: () => Promise.resolve([...migrations]),
  getMigrationName: (entry) => entry.name,
  getMigration: (entry) => Promise.resolve(entry.migration),
};

/**
 * Brings the schema up to date; a no-op when it already is. Safe to call from several app
 * instances at once: knex holds its migration lock meanwhile.
 */
export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}

/** Undoes every migration (for tests and tooling; never called by the app). */
export async function migrateDownAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}
