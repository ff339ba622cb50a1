import type { Knex } from 'knex';

/**
 * Keyword search is answered by an index in each instance (`MerchantKeywordIndex`), built from the
 * merchants and their categories for the cache versions it knows. The posting table it replaces,
 * `merchant_keywords` (about 19 rows per merchant: 19 million at a million merchants, most of the
 * time of a bulk load), is dropped where an earlier 0013 made it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('merchant_keywords');
}

/** Nothing to give back: the table held only what the index in memory now holds. */
export async function down(): Promise<void> {}
