import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Area } from '../../core/index.js';
import type { AreaRow } from './area-row.js';
import { KnexLocks } from './knex-locks.js';

/** One unit of the reference tree, as a release ships it (the row id is the database's). */
export type AreaRecord = Omit<Area, 'id'>;

/**
 * Rows per INSERT: 5 bound values each, far below SQLite's limit on bound values (32,766 in the
 * bundled build, 999 in old ones) and MySQL's max_allowed_packet.
 */
const ROWS_PER_INSERT = 150;

/** A digest of a set of areas, whatever their order. */
function areasChecksum(records: readonly AreaRecord[]): string {
  const hash = createHash('sha256');
  const sorted = [...records].sort((a, b) => a.areaId - b.areaId);
  for (const { areaId, name, parentId, tier, initial } of sorted) {
    hash.update(JSON.stringify([areaId, name, parentId, tier, initial]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * Makes `areas` hold exactly `records` (the reference tree shipped with a release), in one
 * transaction: when the stored set differs in count or checksum, every row is deleted and the
 * records inserted in chunks, ordered by code; when it is the same, nothing is written, so a
 * restart with the same data is a read of the table. App instances starting together take turns
 * under the lock `areas-reference`, so the later ones find the work done. Resolves to whether the
 * table was rewritten. Rejects (changing nothing) on a duplicate `areaId`.
 */
export async function replaceAreas(db: Knex | Knex.Transaction, records: readonly AreaRecord[]): Promise<boolean> {
  return db.transaction(async (trx) => {
    await new KnexLocks(trx).acquire('areas-reference');
    if (await storedSetEquals(trx, records)) return false;
    await trx('areas').del();
    const rows = [...records]
      .sort((a, b) => a.areaId - b.areaId)
      .map(({ areaId, name, parentId, tier, initial }) => ({ area_id: areaId, name, parent_id: parentId, tier, initial }));
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      await trx('areas').insert(rows.slice(start, start + ROWS_PER_INSERT));
    }
    return true;
  });
}

async function storedSetEquals(trx: Knex.Transaction, records: readonly AreaRecord[]): Promise<boolean> {
  const [counted] = await trx('areas').count({ n: '*' });
  if (Number(counted?.n ?? 0) !== records.length) return false;
  const rows = await trx<AreaRow>('areas').select('area_id', 'name', 'parent_id', 'tier', 'initial');
  const stored = rows.map((row) => ({
    areaId: Number(row.area_id),
    name: row.name,
    parentId: Number(row.parent_id),
    tier: Number(row.tier) as Area['tier'],
    initial: row.initial,
  }));
  return areasChecksum(stored) === areasChecksum(records);
}
