import type { Knex } from 'knex';
import {
  insertCategory,
  insertGoods,
  insertMerchant,
  insertOper,
  KnexUnitOfWork,
  knexRepositories,
  KnexCacheVersions,
  MerchantKeywordIndex,
  MerchantPointIndex,
  replaceAreas,
  type KnexRepositoryOptions,
} from '../../adapters/knex/index.js';
import { VersionedCopy, VersionWatch } from '../../adapters/cache/index.js';
import { systemClock } from '../../core/index.js';
import type { RepositoryContext } from './repository-context.js';

/** The project's tables, children before parents, then knex's own. */
const projectTables = [
  'order_grants', 'bridge_tickets', 'purchase_notices', 'scenes', 'refunds', 'order_items', 'orders', 'goods', 'merchants', 'merchant_categories', 'areas',
  'locks', 'sms_codes', 'sessions', 'wechat_identities', 'users', 'opers',
];
/** Tables of earlier versions that a database may still hold (dropped first: they refer to others). */
const formerTables = ['merchant_keywords'];
/** Tables whose rows the migrations make and the clearing keeps. */
const schemaTables = ['cache_versions'];
const knexTables = ['knex_migrations', 'knex_migrations_lock'];

/** A context over a migrated database; `close` runs when the test ends. */
export function knexContext(knex: Knex, close: () => Promise<void>, options: KnexRepositoryOptions = {}): RepositoryContext {
  return {
    repositories: knexRepositories(knex, options),
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
  for (const table of [...formerTables, ...projectTables, ...schemaTables, ...knexTables]) await knex.schema.dropTableIfExists(table);
}

/**
 * The app's options for the merchant repository, made to answer from memory on every search: the
 * search totals kept by version (checked on every call), and the nearby and keyword indexes waited
 * for, so that the suites cover those paths and not only the table's.
 */
export function knexCachedMerchantOptions(knex: Knex): KnexRepositoryOptions {
  const watch = new VersionWatch(new KnexCacheVersions(knex), systemClock, 0);
  const totals = new VersionedCopy<string, number>(watch, 'merchants', 100);
  const points = new MerchantPointIndex(knex, () => watch.versionOf('merchants'));
  const keywords = new MerchantKeywordIndex(knex, async () => `${await watch.versionOf('merchants')}/${await watch.versionOf('categories')}`);
  return {
    merchantTotals: (key, count) => totals.get(key, count),
    merchantPoints: {
      async within(origin, radius, box, offset, limit) {
        await points.ready();
        const found = await points.within(origin, radius, box, offset, limit);
        if (found === null) throw new Error('the nearby index was not current after ready()');
        return found;
      },
    },
    merchantKeywords: {
      async find(keyword, filters, offset, limit) {
        const found = await keywords.find(keyword, filters, offset, limit);
        if (found === null) throw new Error('the keyword index could not be built');
        return found;
      },
    },
  };
}
