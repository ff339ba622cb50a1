import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { dialectOf } from '../../adapters/knex/dialect.js';

/**
 * Tables left out: the area tree (reference data, never written by a request), `locks` (a named
 * lock upserts its row before locking it, whatever the request then finds: the row records
 * nothing), and tables that are not the project's.
 */
const SKIPPED = /^(areas|locks|knex_.*|sqlite_.*)$/;

/** Every table of the project that a request could write, as the database lists them (new ones included). */
export async function writableTables(db: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> =
    dialectOf(db) === 'sqlite'
      ? await db('sqlite_master').where({ type: 'table' }).select({ name: 'name' })
      : await db('information_schema.tables').whereRaw('table_schema = database()').select({ name: 'table_name' });
  return rows.map((row) => row.name).filter((name) => !SKIPPED.test(name)).sort();
}

/** A digest of each table's rows, whatever their order. */
export async function snapshot(db: Knex, tables: readonly string[]): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const table of tables) {
    const rows = (await db(table).select()).map((row) => JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    digests.set(table, createHash('sha256').update(rows.sort().join('\n')).digest('hex'));
  }
  return digests;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}
