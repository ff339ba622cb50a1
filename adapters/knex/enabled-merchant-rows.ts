import type { Knex } from 'knex';
import { MerchantStatus } from '../../core/index.js';

/**
 * Calls `visit` with the given columns of every enabled merchant, by id, `chunk` rows per query:
 * how the in-memory indexes of merchants read the table without holding it all at once. The rows
 * are read along the primary key and the status is checked here: asked of the database, the
 * status would make it read an index on status and sort every remaining row for each chunk.
 */
export async function eachEnabledMerchant<Row extends { id: number }>(
  db: Knex,
  columns: readonly (keyof Row & string)[],
  chunk: number,
  visit: (row: Row) => void,
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (await db('merchants')
      .where('id', '>', after)
      .orderBy('id')
      .limit(chunk)
      .select('status', ...columns.filter((column) => column !== 'status'))) as Array<Row & { status: number }>;
    for (const row of rows) if (Number(row.status) === MerchantStatus.Normal) visit(row);
    if (rows.length < chunk) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/**
 * Calls `visit` with the given columns of every enabled merchant newest first (equal times by id,
 * descending: the rank order of the keyword index), `chunk` rows per query along the index
 * `merchants_newest_first_index` (which covers the columns the keyword index reads), each query
 * starting after the last row of the one before.
 */
export async function eachEnabledMerchantNewestFirst<Row extends { id: number; created_at: number }>(
  db: Knex,
  columns: readonly (keyof Row & string)[],
  chunk: number,
  visit: (row: Row) => void,
): Promise<void> {
  const selected = ['status', 'id', 'created_at', ...columns.filter((column) => !['status', 'id', 'created_at'].includes(column))];
  let after: { createdAt: number; id: number } | null = null;
  for (;;) {
    const query = db('merchants').orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (after) {
      const { createdAt, id } = after;
      // The first condition is the index's range; the second leaves out what was read at its edge.
      query.where('created_at', '<=', createdAt).andWhere((edge) => edge.where('created_at', '<', createdAt).orWhere('id', '<', id));
    }
    const rows = (await query.limit(chunk).select(selected)) as Array<Row & { status: number }>;
    for (const row of rows) if (Number(row.status) === MerchantStatus.Normal) visit(row);
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: Number(last.created_at), id: Number(last.id) };
  }
}

/** `to` (a larger array) holding `from`'s values at its start. */
export function grownArray<T extends Int32Array | Uint32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
