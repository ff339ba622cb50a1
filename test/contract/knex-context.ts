import type { Knex } from 'knex';
import {
  insertCategory,
  insertGoods,
  insertMerchant,
  insertOper,
  KnexUnitOfWork,
  knexRepositories,
  replaceAreas,
} from '../../adapters/knex/index.js';
import type { RepositoryContext } from './repository-context.js';

/** The project's tables, children before parents, then knex's own. */
const projectTables = [
  'scenes', 'refunds', 'order_items', 'orders', 'goods', 'merchant_keywords', 'merchants', 'merchant_categories', 'areas',
  'locks', 'sms_codes', 'sessions', 'wechat_identities', 'users', 'opers',
];
/** Tables whose rows the migrations make and the clearing keeps. */
const schemaTables = ['cache_versions'];
const knexTables = ['knex_migrations', 'knex_migrations_lock'];

/** A context over a migrated database; `close` runs when the test ends. */
export function knexContext(knex: Knex, close: () => Promise<void>): RepositoryContext {
  return {
    repositories: knexRepositories(knex),
    unitOfWork: new KnexUnitOfWork(knex),
    addOper: (oper) => insertOper(knex, oper),
    addCategory: (category) => insertCategory(knex, category),
    addMerchant: (merchant) => insertMerchant(knex, merchant),
    addGoods: (goods) => insertGoods(knex, goods),
    replaceAreas: (records) => replaceAreas(knex, records),
    close,
  };
}

/** Deletes every row of the project's tables (for a database shared by the tests). */
export async function clearTables(knex: Knex): Promise<void> {
  for (const table of projectTables) await knex(table).del();
}

/** Drops the project's tables and the migration bookkeeping, and nothing else. */
export async function dropProjectTables(knex: Knex): Promise<void> {
  for (const table of [...projectTables, ...schemaTables, ...knexTables]) await knex.schema.dropTableIfExists(table);
}
