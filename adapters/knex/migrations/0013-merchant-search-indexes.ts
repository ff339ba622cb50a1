import type { Knex } from 'knex';
import { dialectOf } from '../dialect.js';

/**
 * Nearby searches whose cost follows what they find: latitude bands. (This migration also created
 * `merchant_keywords`, a keyword posting table, until keyword search moved to an index in memory:
 * 0016 drops it where it was made.)
 */
export async function up(knex: Knex): Promise<void> {
  await addLatitudeBands(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('merchants', (t) => {
    t.index(['status', 'lat', 'lng'], 'merchants_status_lat_lng_index');
  });
  await knex.raw('DROP INDEX merchants_status_lat_band_lng_lat_index' + (dialectOf(knex) === 'mysql' ? ' ON merchants' : ''));
  if (dialectOf(knex) === 'mysql') await knex.raw('ALTER TABLE merchants DROP COLUMN lat_band');
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
