import type { Area, Category, Goods, Merchant } from '../../core/index.js';
import { copyOf, type InMemoryTables } from './in-memory-tables.js';

// The catalog writes of InMemoryStore (the catalog ports have none), checked as the database's
// keys check them, so that a test that passes here passes on SQLite too.

export type NewInMemoryCategory = Omit<Category, 'id'> & { readonly id?: number };
export type NewInMemoryMerchant = Omit<Merchant, 'id'> & { readonly id?: number };
export type NewInMemoryGoods = Omit<Goods, 'id'> & { readonly id?: number };
export type InMemoryAreaRecord = Omit<Area, 'id'>;

type IdTable = 'categories' | 'merchants' | 'goods';

/** The given id if free, else the next one; either way later ids come after it. */
function claimId(tables: InMemoryTables, table: IdTable, wanted: number | undefined): number {
  if (wanted !== undefined && tables[table].has(wanted)) throw new Error(`${table} ${wanted} exists already`);
  const id = wanted ?? tables.lastIds[table] + 1;
  tables.lastIds[table] = Math.max(tables.lastIds[table], id);
  return id;
}

export function addCategory(tables: InMemoryTables, category: NewInMemoryCategory): number {
  const { id: wanted, ...fields } = copyOf(category);
  const id = claimId(tables, 'categories', wanted);
  tables.categories.set(id, { ...fields, id });
  return id;
}

/** Rejects when the oper or the category does not exist. */
export function addMerchant(tables: InMemoryTables, merchant: NewInMemoryMerchant): number {
  const { id: wanted, ...fields } = copyOf(merchant);
  if (!tables.opers.has(fields.operId)) throw new Error(`Cannot add a merchant of oper ${fields.operId}: no such oper`);
  if (!tables.categories.has(fields.categoryId)) {
    throw new Error(`Cannot add a merchant of category ${fields.categoryId}: no such category`);
  }
  const id = claimId(tables, 'merchants', wanted);
  tables.merchants.set(id, { ...fields, id });
  return id;
}

/** Rejects when the merchant does not exist. */
export function addGoods(tables: InMemoryTables, goods: NewInMemoryGoods): number {
  const { id: wanted, ...fields } = copyOf(goods);
  if (!tables.merchants.has(fields.merchantId)) throw new Error(`Cannot add goods of merchant ${fields.merchantId}: no such merchant`);
  const id = claimId(tables, 'goods', wanted);
  tables.goods.set(id, { ...fields, id });
  return id;
}

/** Makes the areas exactly `records`, unless they already are; tells whether it wrote. */
export function replaceAreas(tables: InMemoryTables, records: readonly InMemoryAreaRecord[]): boolean {
  const wanted = sortedByCode(records);
  for (let i = 1; i < wanted.length; i++) {
    if (wanted[i]!.areaId === wanted[i - 1]!.areaId) throw new Error(`Area ${wanted[i]!.areaId} is listed twice`);
  }
  const stored = sortedByCode([...tables.areas.values()].map(({ id: _id, ...record }) => record));
  if (JSON.stringify(stored) === JSON.stringify(wanted)) return false;
  tables.areas.clear();
  for (const record of wanted) {
    const id = ++tables.lastIds.areas;
    tables.areas.set(id, { id, ...record });
  }
  return true;
}

function sortedByCode(records: readonly InMemoryAreaRecord[]): InMemoryAreaRecord[] {
  return records
    .map(({ areaId, name, parentId, tier, initial }) => ({ areaId, name, parentId, tier, initial }))
    .sort((a, b) => a.areaId - b.areaId);
}
