import type { Knex } from 'knex';
import {
  boundingBox,
  distanceInMetres,
  GoodsStatus,
  MerchantStatus,
  type GeoPoint,
  type MerchantListing,
  type MerchantRepository,
  type MerchantSearch,
} from '../../core/index.js';
import { dialectOf } from './dialect.js';
import { containsLiterally } from './literal-match.js';
import { merchantFromRow, type MerchantRow } from './merchant-row.js';

type ListingRow = MerchantRow & { category_name: string | null };

interface Candidate {
  readonly id: number;
  readonly distance: number;
}

/**
 * Merchant listings. Every search reads enabled merchants only, with its filters AND-combined
 * (keyword: see {@link containsLiterally}; an empty `categoryIds` matches nothing). A search with
 * an origin and a radius prefilters on the `(status, lat, lng)` index with a bounding box grown
 * by one metre (distances are whole metres: a merchant 1000.4 m away counts as 1000 m, and must
 * not be cut by a box of exactly 1000 m), reads only ids and coordinates of the candidates, keeps
 * those within the radius by exact distance, nearest first (then id), and reads whole rows only
 * for the page. A radius without an origin is ignored. Lowest prices come from one grouped query
 * per page.
 */
export class KnexMerchantRepository implements MerchantRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async search(search: MerchantSearch): Promise<{ total: number; listings: MerchantListing[] }> {
    const { origin, radius } = search;
    if (origin !== undefined && radius !== undefined) return this.searchNearby(search, origin, radius);
    const scanning = search.keyword !== undefined && search.cityId === undefined && search.categoryIds === undefined;
    const [counted] = await this.matching(search, scanning).count({ n: '*' });
    const rows: ListingRow[] = await this.withCategoryName(this.matching(search, scanning))
      .orderBy([
        { column: 'm.created_at', order: 'desc' },
        { column: 'm.id', order: 'desc' },
      ])
      .limit(search.pageSize)
      .offset(offsetOf(search));
    return { total: Number(counted?.n ?? 0), listings: await this.listingsOf(rows, origin ?? null) };
  }

  async findListing(id: number, origin: GeoPoint | null): Promise<MerchantListing | null> {
    const row: ListingRow | undefined = await this.withCategoryName(this.db('merchants as m')).where('m.id', id).first();
    if (!row) return null;
    const [listing] = await this.listingsOf([row], origin);
    return listing ?? null;
  }

  private async searchNearby(
    search: MerchantSearch,
    origin: GeoPoint,
    radius: number,
  ): Promise<{ total: number; listings: MerchantListing[] }> {
    const box = boundingBox(origin, radius + 1);
    const points: Array<{ id: number; lat: number; lng: number }> = await this.matching(search)
      .whereBetween('m.lat', [box.minLat, box.maxLat])
      .whereBetween('m.lng', [box.minLng, box.maxLng])
      .select('m.id', 'm.lat', 'm.lng');
    const within: Candidate[] = [];
    for (const point of points) {
      const distance = distanceInMetres(origin, { lat: Number(point.lat), lng: Number(point.lng) });
      if (distance <= radius) within.push({ id: Number(point.id), distance });
    }
    within.sort((a, b) => a.distance - b.distance || a.id - b.id);
    const start = offsetOf(search);
    const pageIds = within.slice(start, start + Math.max(0, search.pageSize)).map((candidate) => candidate.id);
    if (pageIds.length === 0) return { total: within.length, listings: [] };
    const rows: ListingRow[] = await this.withCategoryName(this.db('merchants as m')).whereIn('m.id', pageIds);
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    const inOrder = pageIds.flatMap((id) => byId.get(id) ?? []);
    return { total: within.length, listings: await this.listingsOf(inOrder, origin) };
  }

  /**
   * Enabled merchants (`m`) that pass every filter but the radius. A keyword search with neither
   * city nor categories reads every enabled row, and is fastest as a plain table scan; but SQLite's
   * planner, taking `status = 1` for selective, would walk the `(status, …)` indexes and read the
   * rows one by one in index order (about 4x slower at 200k merchants). There the status term is
   * written `+m.status`, which SQLite does not match against indexes. Searches with a radius, a city
   * or categories keep it plain: it is the first column of the index they use.
   */
  private matching(search: MerchantSearch, scanning = false): Knex.QueryBuilder {
    const query = this.db('merchants as m');
    if (scanning && dialectOf(this.db) === 'sqlite') query.whereRaw('+?? = ?', ['m.status', MerchantStatus.Normal]);
    else query.where('m.status', MerchantStatus.Normal);
    if (search.cityId !== undefined) query.where('m.city_id', search.cityId);
    if (search.categoryIds !== undefined) query.whereIn('m.merchant_category_id', [...search.categoryIds]);
    const { keyword } = search;
    if (keyword !== undefined) {
      const categoriesNamed = this.db('merchant_categories').select('id').where(containsLiterally(this.db, 'name', keyword));
      query.where((any) =>
        any
          .where(containsLiterally(this.db, 'm.name', keyword))
          .orWhere(containsLiterally(this.db, 'm.brand', keyword))
          .orWhereIn('m.merchant_category_id', categoriesNamed),
      );
    }
    return query;
  }

  private withCategoryName(query: Knex.QueryBuilder): Knex.QueryBuilder {
    return query.leftJoin('merchant_categories as c', 'c.id', 'm.merchant_category_id').select('m.*', 'c.name as category_name');
  }

  private async listingsOf(rows: readonly ListingRow[], origin: GeoPoint | null): Promise<MerchantListing[]> {
    const lowest = await this.lowestPrices(rows.map((row) => Number(row.id)));
    return rows.map((row) => {
      const merchant = merchantFromRow(row);
      return {
        merchant,
        categoryName: row.category_name ?? '',
        lowestPrice: lowest.get(merchant.id) ?? null,
        distance: origin ? distanceInMetres(origin, merchant.location) : null,
      };
    });
  }

  /** The lowest price of the on-shelf goods of each merchant that has some. */
  private async lowestPrices(merchantIds: readonly number[]): Promise<Map<number, number>> {
    if (merchantIds.length === 0) return new Map();
    const rows: Array<{ merchant_id: number; lowest: number }> = await this.db('goods')
      .select('merchant_id')
      .min({ lowest: 'price' })
      .where('status', GoodsStatus.OnShelf)
      .whereIn('merchant_id', [...merchantIds])
      .groupBy('merchant_id');
    return new Map(rows.map((row) => [Number(row.merchant_id), Number(row.lowest)]));
  }
}

function offsetOf(search: MerchantSearch): number {
  return Math.max(0, (search.page - 1) * search.pageSize);
}
