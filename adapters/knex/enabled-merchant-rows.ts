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

/** `to` (a larger array) holding `from`'s values at its start. */
export function grownArray<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
