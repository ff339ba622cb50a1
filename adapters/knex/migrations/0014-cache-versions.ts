import type { Knex } from 'knex';
import { applyTableOptions } from './table-options.js';

/**
 * `cache_versions`: one row per kind of rarely-changing data that app instances keep in memory
 * (opers, categories, merchant totals), whose `version` this project's writers raise in the transaction of
 * their change. An instance compares the versions with those of its copies at most every few
 * seconds (one small query), and reloads what changed: so a change made through any instance is
 * seen by all within that bound.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cache_versions', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.string('name', 32).primary();
    t.bigInteger('version').notNullable().defaultTo(0);
  });
  await knex('cache_versions').insert(['opers', 'categories', 'merchants'].map((name) => ({ name, version: 0 })));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cache_versions');
}
