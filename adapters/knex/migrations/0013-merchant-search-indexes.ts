import type { Knex } from 'knex';
import { dialectOf } from '../dialect.js';
import { reindexAllMerchantKeywords } from '../merchant-keywords.js';

/** Merchant searches whose cost follows what they find: the keyword index and latitude bands. */
export async function up(knex: Knex): Promise<void> {
  await createKeywordIndex(knex);
  await addLatitudeBands(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('merchants', (t) => {
    t.index(['status', 'lat', 'lng'], 'merchants_status_lat_lng_index');
  });
  await knex.raw('DROP INDEX merchants_status_lat_band_lng_lat_index' + (dialectOf(knex) === 'mysql' ? ' ON merchants' : ''));
  if (dialectOf(knex) === 'mysql') await knex.raw('ALTER TABLE merchants DROP COLUMN lat_band');
  await knex.schema.dropTable('merchant_keywords');
}

/**
 * The keyword index of merchants (see `merchant-keywords.ts`): one row per merchant and distinct
 * 1- or 2-character term of its name, brand or category name, with status, city and creation time
 * beside it, so that a keyword of one or two characters is counted and paged, newest first, from
 * an index alone:
 * - primary key `(term, status, city_id, created_at, merchant_id)`: in a city;
 * - `(term, status, created_at, merchant_id)`: across the country;
 * - `(merchant_id)`: reindexing a merchant, and the cascade when one is deleted.
 * Terms compare byte for byte: VARBINARY on MySQL (its `_bin` collations still pad spaces, so
 * `a` and `a ` would collide), plain TEXT on SQLite; the table has no rowid there (the primary key
 * is the table). Existing merchants are indexed here.
 */
async function createKeywordIndex(knex: Knex): Promise<void> {
  if (dialectOf(knex) === 'mysql') {
    await knex.raw(`CREATE TABLE merchant_keywords (
      term VARBINARY(8) NOT NULL,
      status TINYINT NOT NULL,
      city_id INT NOT NULL,
      created_at BIGINT NOT NULL,
      merchant_id INT UNSIGNED NOT NULL,
      PRIMARY KEY (term, status, city_id, created_at, merchant_id),
      KEY merchant_keywords_country_index (term, status, created_at, merchant_id),
      KEY merchant_keywords_merchant_id_index (merchant_id),
      CONSTRAINT merchant_keywords_merchant_id_foreign FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`);
  } else {
    await knex.raw(`CREATE TABLE merchant_keywords (
      term TEXT NOT NULL,
      status INTEGER NOT NULL,
      city_id INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      merchant_id INTEGER NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
      PRIMARY KEY (term, status, city_id, created_at, merchant_id)
    ) WITHOUT ROWID`);
    await knex.raw('CREATE INDEX merchant_keywords_country_index ON merchant_keywords (term, status, created_at, merchant_id)');
    await knex.raw('CREATE INDEX merchant_keywords_merchant_id_index ON merchant_keywords (merchant_id)');
  }
  await reindexAllMerchantKeywords(knex);
}

/**
 * Nearby search whose cost follows the merchants near the origin, not all of them. With the
 * `(status, lat, lng)` index of 0006, a box reads every merchant of its latitude range across the
 * whole country (longitude is only checked inside the index), so the work grew with the total.
 * A latitude band cuts latitude into bands of 0.01° (about 1.1 km), computed by the database from
 * `lat` (so no writer can forget it); `(status, band, lng, lat)` then serves a box as one short
 * longitude range per band, reading little more than the box holds, from the index alone. The band
 * is `floor(lat * 100) + 9000` (see `latitude-band.ts`): MySQL stores it as the generated column
 * `lat_band` and indexes that; SQLite indexes the expression (an index holding a virtual generated
 * column does not cover a query there). The search asks one band more on each side, so a rounding
 * difference at a band's edge loses nothing. Replaces `(status, lat, lng)`.
 */
async function addLatitudeBands(knex: Knex): Promise<void> {
  if (dialectOf(knex) === 'mysql') {
    await knex.raw('ALTER TABLE merchants ADD COLUMN lat_band SMALLINT AS (FLOOR(lat * 100) + 9000) STORED');
    await knex.schema.alterTable('merchants', (t) => {
      t.index(['status', 'lat_band', 'lng', 'lat'], 'merchants_status_lat_band_lng_lat_index');
    });
  } else {
    await knex.raw('CREATE INDEX merchants_status_lat_band_lng_lat_index ON merchants (status, CAST(lat * 100 + 9000 AS INTEGER), lng, lat)');
  }
  await knex.schema.alterTable('merchants', (t) => {
    t.dropIndex(['status', 'lat', 'lng'], 'merchants_status_lat_lng_index');
  });
}
