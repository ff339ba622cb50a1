import type { Knex } from 'knex';
import { categoryColumnsOf, type NewCategory, type NewGoods, type NewMerchant } from './knex-catalog-writer.js';
import { goodsColumns } from './goods-row.js';
import { bumpCacheVersion } from './knex-cache-versions.js';
import { merchantColumns } from './merchant-row.js';

/**
 * Bulk writes of the operator import: many rows per statement, so that 100k merchants take
 * seconds. A row with an `id` that exists is updated (its creation time and, for goods, the count
 * sold are kept); any other row is created (with its `id` when given). Run it inside a transaction
 * so that a failure leaves nothing written. Like the single-row writers, they raise the cache
 * versions of what they change in that transaction (which also makes every instance index the
 * merchants' keywords again).
 */

/** Rows per INSERT: under MySQL's 65,535 placeholders and SQLite's 32,766 at ~25 columns. */
const BATCH_ROWS = 500;

/** Called after each batch with how many rows were written so far. */
export type ImportProgress = (written: number) => void;

export async function importCategories(trx: Knex.Transaction, categories: readonly NewCategory[], progress?: ImportProgress): Promise<void> {
  await writeBatches(trx, 'merchant_categories', categories.map((c) => ({ ...(c.id === undefined ? {} : { id: c.id }), ...categoryColumnsOf(c) })), [], progress);
  // Raising the version also makes every instance index the merchants' keywords again (a renamed
  // category changes what its merchants are found by).
  await bumpCacheVersion(trx, 'categories');
}

export async function importMerchants(trx: Knex.Transaction, merchants: readonly NewMerchant[], now: Date, progress?: ImportProgress): Promise<void> {
  await writeBatches(trx, 'merchants', timestamped(merchants, merchantColumns, now), ['created_at'], progress);
  await bumpCacheVersion(trx, 'merchants');
}

export function importGoods(trx: Knex.Transaction, goods: readonly NewGoods[], now: Date, progress?: ImportProgress): Promise<void> {
  return writeBatches(trx, 'goods', timestamped(goods, goodsColumns, now), ['created_at', 'sell_number'], progress);
}

/** Rows of `entities` with their id when given, their creation time, and `now` as update time. */
function timestamped<E extends { readonly id?: number; readonly createdAt: Date }>(
  entities: readonly E[],
  columnsOf: (entity: E) => object,
  now: Date,
): Array<Record<string, unknown>> {
  return entities.map((entity) => ({
    ...(entity.id === undefined ? {} : { id: entity.id }),
    ...columnsOf(entity),
    created_at: entity.createdAt.getTime(),
    updated_at: now.getTime(),
  }));
}

async function writeBatches(
  trx: Knex.Transaction,
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  keptOnUpdate: readonly string[],
  progress?: ImportProgress,
): Promise<void> {
  const withId = rows.filter((row) => row['id'] !== undefined);
  const withoutId = rows.filter((row) => row['id'] === undefined);
  let written = 0;
  for (const group of [withId, withoutId]) {
    for (let start = 0; start < group.length; start += BATCH_ROWS) {
      const batch = group.slice(start, start + BATCH_ROWS);
      const insert = trx(table).insert(batch);
      if (batch[0]?.['id'] !== undefined) {
        const updated = Object.keys(batch[0]).filter((column) => column !== 'id' && !keptOnUpdate.includes(column));
        await insert.onConflict('id').merge(updated);
      } else {
        await insert;
      }
      written += batch.length;
      progress?.(written);
    }
  }
}
