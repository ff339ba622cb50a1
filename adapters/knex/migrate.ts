import type { Knex } from 'knex';
import { dialectOf } from './dialect.js';
import * as tenancyTables from './migrations/0001-tenancy-tables.js';
import * as identityTables from './migrations/0002-identity-tables.js';
import * as catalogTables from './migrations/0003-catalog-tables.js';
import * as orderingTables from './migrations/0004-ordering-tables.js';
import * as bridgeTables from './migrations/0005-bridge-tables.js';
import * as catalogSearch from './migrations/0006-catalog-search.js';
import * as housekeepingIndexes from './migrations/0007-housekeeping-indexes.js';
import * as refundAttemptsAndChecks from './migrations/0008-refund-attempts-and-checks.js';
import * as grantsAndTickets from './migrations/0010-grants-and-tickets.js';
import * as smsCodeDigests from './migrations/0011-sms-code-digests.js';
import * as merchantSearchIndexes from './migrations/0013-merchant-search-indexes.js';
import * as cacheVersions from './migrations/0014-cache-versions.js';
import * as purchaseNotices from './migrations/0015-purchase-notices.js';
import * as keywordIndexInMemory from './migrations/0016-keyword-index-in-memory.js';
import * as merchantsNewestFirst from './migrations/0017-merchants-newest-first.js';

export interface NamedMigration {
  readonly name: string;
  readonly migration: Knex.Migration;
}

/** Every migration, in the order it runs. Names are recorded in `knex_migrations`: never rename one. */
/** Every migration, in order. */
export const migrations: readonly NamedMigration[] = [
  { name: '0001-tenancy-tables', migration: tenancyTables },
  { name: '0002-identity-tables', migration: identityTables },
  { name: '0003-catalog-tables', migration: catalogTables },
  { name: '0004-ordering-tables', migration: orderingTables },
  { name: '0005-bridge-tables', migration: bridgeTables },
  { name: '0006-catalog-search', migration: catalogSearch },
  { name: '0007-housekeeping-indexes', migration: housekeepingIndexes },
  { name: '0008-refund-attempts-and-checks', migration: refundAttemptsAndChecks },
  { name: '0010-grants-and-tickets', migration: grantsAndTickets },
  { name: '0011-sms-code-digests', migration: smsCodeDigests },
  { name: '0013-merchant-search-indexes', migration: merchantSearchIndexes },
  { name: '0014-cache-versions', migration: cacheVersions },
  { name: '0015-purchase-notices', migration: purchaseNotices },
  { name: '0016-keyword-index-in-memory', migration: keywordIndexInMemory },
  { name: '0017-merchants-newest-first', migration: merchantsNewestFirst },
];

/** Serves the imported migrations, so that nothing depends on scanning a directory of `dist/`. */
const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: () => Promise.resolve([...migrations]),
  getMigrationName: (entry) => entry.name,
  getMigration: (entry) => Promise.resolve(entry.migration),
};

/** How long an instance waits for another one that is migrating the same MySQL database. */
const MIGRATION_WAIT_SECONDS = 180;

/**
 * Brings the schema up to date; a no-op when it already is. Safe to call from several app
 * instances at once on one database:
 * - On MySQL, knex's own lock is not enough: its bookkeeping tables are created without a lock
 *   (two instances both create them, and the second fails), and the DDL of a migration commits
 *   the transaction that holds its lock row, so a second instance fails at once with "Migration
 *   table is already locked" instead of waiting. So the whole run is held under a MySQL named lock
 *   (`GET_LOCK`, per database), taken on a connection of its own: the others wait for it (up to
 *   three minutes), then find the schema up to date. The server releases a named lock when its
 *   connection dies, so a crashed instance leaves nothing held; a knex lock row that a crashed
 *   instance left set is then known to be stale (nobody else can be migrating) and is freed.
 * - SQLite is one process's database (see README); knex's lock serves there.
 */
export async function migrateLatest(knex: Knex): Promise<void> {
  if (dialectOf(knex) !== 'mysql') {
    await knex.migrate.latest({ migrationSource });
    return;
  }
  await knex.transaction(async (holder) => {
    const name = "LEFT(CONCAT('o2o-migrate:', DATABASE()), 64)";
    const [rows] = (await holder.raw(`SELECT GET_LOCK(${name}, ?) AS got`, [MIGRATION_WAIT_SECONDS])) as [Array<{ got: number | null }>];
    if (Number(rows[0]?.got) !== 1) {
      throw new Error(`another instance has been migrating this database for ${MIGRATION_WAIT_SECONDS} s; gave up waiting`);
    }
    try {
      await latestFreeingAStaleLock(knex);
    } finally {
      await holder.raw(`SELECT RELEASE_LOCK(${name})`);
    }
  });
}

async function latestFreeingAStaleLock(knex: Knex): Promise<void> {
  try {
    await knex.migrate.latest({ migrationSource });
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'MigrationLocked') throw error;
    // Under the named lock nobody else migrates: the knex lock was left by a crashed run.
    await knex.migrate.forceFreeMigrationsLock({ migrationSource });
    await knex.migrate.latest({ migrationSource });
  }
}

/** Undoes every migration (for tests and tooling; never called by the app). */
export async function migrateDownAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}
