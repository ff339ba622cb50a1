import type { Knex } from 'knex';
import { createKnex, migrateLatest } from '../../adapters/knex/index.js';
import { describeRepositoryContracts } from './all-contracts.js';
import { describeKnexCatalogRowsContract } from './knex-catalog-rows-contract.js';
import { clearTables, dropProjectTables, knexCachedMerchantOptions, knexContext } from './knex-context.js';
import { describeMerchantRepositoryContract } from './merchant-repository-contract.js';
import { describeMigrationContract } from './migration-contract.js';

// The same suites on MySQL / MariaDB, when TEST_MYSQL_URL names a database for tests. Its tables
// of this project are dropped and recreated: point it at a database that holds nothing else.
const url = process.env['TEST_MYSQL_URL'];

if (!url) {
  const note = 'MySQL contract suites are off: set TEST_MYSQL_URL=mysql://user:pass@host:port/db to run them';
  // Mocha does not print a suite without tests, so the note is also written once to the console.
  describe(note, () => {});
  console.log(`  (${note})`);
} else {
  describe('knex adapter on MySQL', () => {
    let knex: Knex;
    before(async () => {
      knex = createKnex(url);
      await dropProjectTables(knex);
      await migrateLatest(knex);
    });
    after(() => knex.destroy());

    describeRepositoryContracts('mysql', async () => {
      await clearTables(knex);
      return knexContext(knex, async () => {});
    });

    describeMerchantRepositoryContract('mysql, totals and nearby from memory', async () => {
      await clearTables(knex);
      return knexContext(knex, async () => {}, knexCachedMerchantOptions(knex));
    });

    describeKnexCatalogRowsContract(
      'mysql',
      async () => {
        await clearTables(knex);
        return knex;
      },
      async () => {},
    );
  });

  describeMigrationContract(
    'mysql',
    async () => {
      const knex = createKnex(url);
      await dropProjectTables(knex);
      return knex;
    },
    async (knex) => {
      await dropProjectTables(knex);
      await knex.destroy();
    },
  );
}
