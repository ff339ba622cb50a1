import type { Knex } from 'knex';

/**
 * What the catalog queries need beyond 0003: the first pinyin letter of each area, and indexes
 * shaped for the merchant searches and the lowest-price lookup.
 * - `merchants (status, lat, lng)`: the nearby prefilter (status equal, latitude range, longitude
 *   checked inside the index, which covers the query). Replaces `(lat, lng)`: with only that one,
 *   SQLite's planner took `status = 1` on another index and read every row (~230 ms for a 5 km
 *   search among 200k merchants, against ~8 ms now; scripts/bench/nearby-bench.mjs).
 * - `merchants (status, city_id, created_at)`: a city's merchants newest first without a sort.
 *   Replaces `(status, city_id)`, its prefix.
 * - `merchants (status, merchant_category_id, created_at)`: the same for categories; without it
 *   SQLite walks `(status, created_at)` and reads every row to count a category (~270 ms at 200k
 *   merchants, ~3 ms with it).
 * - `goods (merchant_id, status, price)`: MIN(price) of on-shelf goods read from the index alone.
 *   Replaces `(merchant_id, status)`; created before the old one is dropped, so that MySQL always
 *   has an index for the merchant_id foreign key.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('areas', (t) => {
    t.string('initial', 1).notNullable().defaultTo('').comment('first letter of the pinyin, A-Z');
  });
  await knex.schema.alterTable('merchants', (t) => {
    t.index(['status', 'lat', 'lng'], 'merchants_status_lat_lng_index');
    t.index(['status', 'city_id', 'created_at'], 'merchants_status_city_id_created_at_index');
    t.index(['status', 'merchant_category_id', 'created_at'], 'merchants_status_category_created_at_index');
  });
  await knex.schema.alterTable('merchants', (t) => {
    t.dropIndex(['lat', 'lng'], 'merchants_lat_lng_index');
    t.dropIndex(['status', 'city_id'], 'merchants_status_city_id_index');
  });
  await knex.schema.alterTable('goods', (t) => {
    t.index(['merchant_id', 'status', 'price'], 'goods_merchant_id_status_price_index');
  });
  await knex.schema.alterTable('goods', (t) => {
    t.dropIndex(['merchant_id', 'status'], 'goods_merchant_id_status_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('goods', (t) => {
    t.index(['merchant_id', 'status'], 'goods_merchant_id_status_index');
  });
  await knex.schema.alterTable('goods', (t) => {
    t.dropIndex(['merchant_id', 'status', 'price'], 'goods_merchant_id_status_price_index');
  });
  await knex.schema.alterTable('merchants', (t) => {
    t.index(['lat', 'lng'], 'merchants_lat_lng_index');
    t.index(['status', 'city_id'], 'merchants_status_city_id_index');
  });
  await knex.schema.alterTable('merchants', (t) => {
    t.dropIndex(['status', 'lat', 'lng'], 'merchants_status_lat_lng_index');
    t.dropIndex(['status', 'city_id', 'created_at'], 'merchants_status_city_id_created_at_index');
    t.dropIndex(['status', 'merchant_category_id', 'created_at'], 'merchants_status_category_created_at_index');
  });
  await knex.schema.alterTable('areas', (t) => {
    t.dropColumn('initial');
  });
}
