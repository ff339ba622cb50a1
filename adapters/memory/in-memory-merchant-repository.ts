import {
  distanceInMetres,
  GoodsStatus,
  MerchantStatus,
  type GeoPoint,
  type Merchant,
  type MerchantListing,
  type MerchantRepository,
  type MerchantSearch,
} from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, type InMemoryTables } from './in-memory-tables.js';

interface Placed {
  readonly merchant: Merchant;
  readonly distance: number | null;
}

/** ASCII letters folded to lower case, every other character kept: SQLite's `lower`. */
function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Whether `text` contains `keyword` as it is, ignoring the case of ASCII letters. */
function containsLiterally(text: string, keyword: string): boolean {
  return foldAsciiCase(text).includes(foldAsciiCase(keyword));
}

function matches(tables: InMemoryTables, merchant: Merchant, search: MerchantSearch): boolean {
  if (merchant.status !== MerchantStatus.Normal) return false;
  if (search.cityId !== undefined && merchant.cityId !== search.cityId) return false;
  if (search.categoryIds !== undefined && !search.categoryIds.includes(merchant.categoryId)) return false;
  const { keyword } = search;
  if (keyword === undefined) return true;
  const categoryName = tables.categories.get(merchant.categoryId)?.name ?? '';
  return [merchant.name, merchant.brand, categoryName].some((text) => containsLiterally(text, keyword));
}

/** Nearest first then by id when searching a radius around an origin; else newest first then by id (descending). */
function ordered(merchants: readonly Merchant[], origin: GeoPoint | undefined, radius: number | undefined): Placed[] {
  const placed = merchants.map((merchant) => ({ merchant, distance: origin ? distanceInMetres(origin, merchant.location) : null }));
  if (origin !== undefined && radius !== undefined) {
    return placed
      .filter(({ distance }) => distance! <= radius)
      .sort((a, b) => a.distance! - b.distance! || a.merchant.id - b.merchant.id);
  }
  return placed.sort(
    (a, b) => b.merchant.createdAt.getTime() - a.merchant.createdAt.getTime() || b.merchant.id - a.merchant.id,
  );
}

function listingOf(tables: InMemoryTables, { merchant, distance }: Placed): MerchantListing {
  let lowestPrice: number | null = null;
  for (const goods of tables.goods.values()) {
    if (goods.merchantId === merchant.id && goods.status === GoodsStatus.OnShelf) {
      lowestPrice = lowestPrice === null ? goods.price : Math.min(lowestPrice, goods.price);
    }
  }
  const categoryName = tables.categories.get(merchant.categoryId)?.name ?? '';
  return { merchant: copyOf(merchant), categoryName, lowestPrice, distance };
}

/**
 * Merchant listings over the store, with the knex adapter's rules: enabled merchants only, filters
 * AND-combined, the keyword contained literally (ASCII case ignored) in name, brand or category
 * name, an empty `categoryIds` matching nothing, distances in whole metres with the radius
 * inclusive, and a radius without an origin ignored.
 */
export class InMemoryMerchantRepository implements MerchantRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  search(search: MerchantSearch): Promise<{ total: number; listings: MerchantListing[] }> {
    return this.access.use((tables) => {
      const found = [...tables.merchants.values()].filter((merchant) => matches(tables, merchant, search));
      const all = ordered(found, search.origin, search.radius);
      const start = Math.max(0, (search.page - 1) * search.pageSize);
      const page = all.slice(start, start + Math.max(0, search.pageSize));
      return { total: all.length, listings: page.map((placed) => listingOf(tables, placed)) };
    });
  }

  findListing(id: number, origin: GeoPoint | null): Promise<MerchantListing | null> {
    return this.access.use((tables) => {
      const merchant = tables.merchants.get(id);
      if (!merchant) return null;
      return listingOf(tables, { merchant, distance: origin ? distanceInMetres(origin, merchant.location) : null });
    });
  }
}
