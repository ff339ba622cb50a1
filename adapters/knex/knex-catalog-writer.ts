import type { Knex } from 'knex';
import type { Category, Goods, Merchant } from '../../core/index.js';
import type { CategoryRow } from './category-row.js';
import { goodsColumns, type GoodsRow } from './goods-row.js';
import { insertedId } from './inserted-id.js';
import { merchantColumns, type MerchantRow } from './merchant-row.js';
import { inTransaction } from './in-transaction.js';
import { bumpCacheVersion } from './knex-cache-versions.js';

// The catalog ports have no writes: categories, merchants and goods are set up by operators, the
// demo seed and tests. Each writer inserts one row and resolves to its id; `id` may be given.

export type NewCategory = Omit<Category, 'id'> & { readonly id?: number };
/** `createdAt` is also recorded as the update time. */
export type NewMerchant = Omit<Merchant, 'id'> & { readonly id?: number };
/** `createdAt` is also recorded as the update time. */
export type NewGoods = Omit<Goods, 'id'> & { readonly id?: number };

/**
 * Creates a category, and raises the `categories` cache version in the same transaction. `pid` is
 * not checked (0 at the top). Rejects when the id is taken.
 */
export async function insertCategory(db: Knex | Knex.Transaction, category: NewCategory): Promise<number> {
  const row: Partial<CategoryRow> = { ...(category.id === undefined ? {} : { id: category.id }), ...categoryColumnsOf(category) };
  return inTransaction(db, async (trx) => {
    const created = insertedId(await trx('merchant_categories').insert(row), 'category');
    await bumpCacheVersion(trx, 'categories');
    return created;
  });
}

/** The columns of a category, all but id. */
export function categoryColumnsOf({ pid, name, icon, status, sort }: NewCategory): Omit<CategoryRow, 'id'> {
  return { pid, name, icon, status, sort };
}

/**
 * Creates a merchant and its rows of the keyword index, and raises the `merchants` cache version
 * (the totals of searches), in one transaction. Rejects when its oper or category does not exist,
 * or the id is taken.
 */
export async function insertMerchant(db: Knex | Knex.Transaction, merchant: NewMerchant): Promise<number> {
  const at = merchant.createdAt.getTime();
  const row: Partial<MerchantRow> = {
    ...(merchant.id === undefined ? {} : { id: merchant.id }),
    ...merchantColumns(merchant),
    created_at: at,
    updated_at: at,
  };
  const write = async (trx: Knex.Transaction): Promise<number> => {
    const id = insertedId(await trx('merchants').insert(row), 'merchant');
    await bumpCacheVersion(trx, 'merchants');
    return id;
  };
  return inTransaction(db, write);
}

/** Creates goods. Rejects when the merchant does not exist, or the id is taken. */
export async function insertGoods(db: Knex | Knex.Transaction, goods: NewGoods): Promise<number> {
  const at = goods.createdAt.getTime();
  const row: Partial<GoodsRow> = {
    ...(goods.id === undefined ? {} : { id: goods.id }),
    ...goodsColumns(goods),
    created_at: at,
    updated_at: at,
  };
  return insertedId(await db('goods').insert(row), 'goods');
}
