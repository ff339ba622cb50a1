import type { Knex } from 'knex';
import { dialectOf } from '../dialect.js';

/**
 * Nearby search whose cost follows the merchants near the origin, not all of them. With the
 * `(status, lat, lng)` index of 0006, a box reads every merchant of its latitude range across the
 * whole country (longitude is only checked inside the index), so the work grew with the total.
 * `lat_band` cuts latitude into bands of 0.01° (about 1.1 km), computed by the database from `lat`
 * (so no writer can forget it); `(status, lat_band, lng, lat)` then serves a box as one short
 * longitude range per band, reading little more than the box holds. The band is
 * `floor(lat * 100) + 9000`, never negative: SQLite writes it as a cast that truncates, MySQL as
 * FLOOR; the search asks one band more on each side, so a rounding difference at a band's edge
 * loses nothing. Replaces `(status, lat, lng)`.
 */
export async function up(knex: Knex): Promise<void> {
  if (dialectOf(knex) === 'mysql') {
    await knex.raw('ALTER TABLE merchants ADD COLUMN lat_band SMALLINT AS (FLOOR(lat * 100) + 9000) STORED');
  } else {
    await knex.raw('ALTER TABLE merchants ADD COLUMN lat_band INTEGER GENERATED ALWAYS AS (CAST(lat * 100 + 9000 AS INTEGER)) VIRTUAL');
  }
  await knex.schema.alterTable('merchants', (t) => {
    t.index(['status', 'lat_band', 'lng', 'lat'], 'merchants_status_lat_band_lng_lat_index');
  });
  await knex.schema.alterTable('merchants', (t) => {
    t.dropIndex(['status', 'lat', 'lng'], 'merchants_status_lat_lng_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('merchants', (t) => {
    t.index(['status', 'lat', 'lng'], 'merchants_status_lat_lng_index');
  });
  await knex.schema.alterTable('merchants', (t) => {
    t.dropIndex(['status', 'lat_band', 'lng', 'lat'], 'merchants_status_lat_band_lng_lat_index');
  });
  await knex.raw('ALTER TABLE merchants DROP COLUMN lat_band');
}
