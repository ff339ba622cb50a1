import { createKnex, migrateLatest } from '../../adapters/knex/index.js';
import { describeRepositoryContracts } from './all-contracts.js';
import { describeKnexCatalogRowsContract } from './knex-catalog-rows-contract.js';
import { knexCachedMerchantOptions, knexContext } from './knex-context.js';
import { describeMerchantRepositoryContract } from './merchant-repository-contract.js';
import { describeMigrationContract } from './migration-contract.js';

// A fresh in-memory database for every test.
describeRepositoryContracts('sqlite', async () => {
  const knex = createKnex('sqlite::memory:');
  await migrateLatest(knex);
  return knexContext(knex, () => knex.destroy());
});

describeMigrationContract(
  'sqlite',
  async () => createKnex('sqlite::memory:'),
  (knex) => knex.destroy(),
);

describeKnexCatalogRowsContract(
  'sqlite',
  async () => {
    const knex = createKnex('sqlite::memory:');
    await migrateLatest(knex);
    return knex;
  },
  (knex) => knex.destroy(),
);

// The merchant suite again, answered from the app's in-memory totals and nearby index.
describeMerchantRepositoryContract('sqlite, totals and nearby from memory', async () => {
  const knex = createKnex('sqlite::memory:');
  await migrateLatest(knex);
  return knexContext(knex, () => knex.destroy(), knexCachedMerchantOptions(knex));
});
