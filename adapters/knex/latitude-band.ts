import type { Knex } from 'knex';
import { dialectOf } from './dialect.js';

/**
 * The latitude band of a merchant (migration 0013): `floor(lat * 100) + 9000`, bands of 0.01°
 * (about 1.1 km), never negative. MySQL stores it as the generated column `lat_band` (MariaDB
 * indexes only columns); SQLite indexes the expression itself, written as a cast that truncates
 * (the same as floor for a non-negative number), because SQLite reads the table row whenever an
 * index holds a virtual generated column, while an expression index covers the query. A query
 * must write the expression exactly so for SQLite to use the index.
 */
export function latitudeBandOf(db: Knex | Knex.Transaction, alias: string): string {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
  return dialectOf(db) === 'mysql' ? `${alias}.lat_band` : `CAST(${alias}.lat * 100 + 9000 AS INTEGER)`;
}

/** `band IN (…bands)` for the merchants of `alias`. */
export function inLatitudeBands(db: Knex | Knex.Transaction, alias: string, bands: readonly number[]): Knex.Raw {
  return db.raw(`${latitudeBandOf(db, alias)} IN (${bands.map(() => '?').join(', ')})`, [...bands]);
}

/** The bands that cover `minLat`..`maxLat`, with one more on each side (for rounding at an edge). */
export function latitudeBands(minLat: number, maxLat: number): number[] {
  const band = (lat: number) => Math.floor(lat * 100) + 9000;
  const bands: number[] = [];
  for (let b = band(minLat) - 1; b <= band(maxLat) + 1; b += 1) bands.push(b);
  return bands;
}
