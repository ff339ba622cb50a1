import type { Knex } from 'knex';
import { createKnex } from '../../adapters/knex/connect.js';
import { dropProjectTables } from '../contract/knex-context.js';

/** A database the suites that start the app run on; `name` goes into the suite's title. */
export interface TestDatabase {
  readonly name: 'sqlite' | 'mysql';
  /** A `DATABASE_URL`. */
  readonly url: string;
}

export const SQLITE: TestDatabase = { name: 'sqlite', url: 'sqlite::memory:' };

/**
 * The databases to run the app's suites on: a fresh in-memory SQLite always, and the MySQL /
 * MariaDB that `TEST_MYSQL_URL` names, when set. That database is emptied of this project's
 * tables before each server starts: point it at a database that holds nothing else.
 */
export function testDatabases(): readonly TestDatabase[] {
  const mysqlUrl = process.env['TEST_MYSQL_URL'];
  return mysqlUrl ? [SQLITE, { name: 'mysql', url: mysqlUrl }] : [SQLITE];
}

/**
 * Makes `database` empty of this project's tables, as a fresh in-memory SQLite is: drops every
 * table the migrations create and knex's migration bookkeeping, whatever state a previous run
 * left (fully or half migrated, or empty). A no-op for an in-memory SQLite.
 */
export async function emptyTestDatabase(database: TestDatabase): Promise<void> {
  if (database.url === SQLITE.url) return;
  const knex = createKnex(database.url);
  try {
    await dropProjectTables(knex);
  } finally {
    await knex.destroy();
  }
}

/** A knex on an empty `database` (not migrated); the caller destroys it. */
export async function openEmptyTestDatabase(database: TestDatabase): Promise<Knex> {
  await emptyTestDatabase(database);
  return createKnex(database.url);
}
