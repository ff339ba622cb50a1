import type { Knex } from 'knex';
import {
  boundingBox,
  distanceInMetres,
  distancesFrom,
  GoodsStatus,
  MerchantStatus,
  type GeoPoint,
  type MerchantListing,
  type MerchantRepository,
  type MerchantSearch,
} from '../../core/index.js';
import { CompiledRead } from './compiled-read.js';
import { containsLiterally } from './literal-match.js';
import { merchantFromRow, type MerchantRow } from './merchant-row.js';
import { inLatitudeBands, latitudeBands } from './latitude-band.js';
import type { KeywordFilters, KeywordPage } from './merchant-keyword-index.js';
import type { NearbyCandidate, NearbyPage } from './merchant-point-index.js';

/** A merchant's row with its category's name and the lowest price of its goods on shelf (null: none). */
type ListingRow = MerchantRow & { category_name: string | null; lowest_price: number | null };

/**
 * Where the repository may keep the totals of its searches without a radius (a city's merchants,
 * a keyword's), by a key of the filters: counting a city of 100,000 merchants reads 100,000 index
 * entries, while its first page reads 15. Given `count`, the total as stored now, it answers a
 * total that its keeper vouches for (the app keeps them until the `merchants` cache version moves,
 * which `insertMerchant` raises). By default every total is counted.
 */
export type MerchantTotals = (key: string, count: () => Promise<number>) => Promise<number>;

/**
 * An index of the enabled merchants' coordinates that answers a nearby search with no other filter
 * (nearest first, then id; the same answer as the table), or null when it cannot vouch for being
 * current (the repository then reads the table). See `MerchantPointIndex`.
 */
export interface NearbyIndex {
  within(origin: GeoPoint, radius: number, box: ReturnType<typeof boundingBox>, offset: number, limit: number): Promise<NearbyPage | null>;
}

/**
 * An index that answers a keyword search (its page of ids, newest first, and its total), or null
 * when it cannot vouch for being current (the repository then reads the table). See
 * `MerchantKeywordIndex`.
 */
export interface KeywordIndex {
  find(keyword: string, filters: KeywordFilters, offset: number, limit: number): Promise<KeywordPage | null>;
}

/**
 * Merchant listings. Every search reads enabled merchants only, with its filters AND-combined
 * (keyword: see {@link containsLiterally}; an empty `categoryIds` matches nothing).
 *
 * A keyword search without a radius is answered by the keyword index in memory when there is one
 * (see {@link KeywordIndex}): only the page's rows are read. Without it, and within a radius, the
 * texts are matched literally in the database ({@link containsLiterally}).
 *
 * A search with an origin and a radius reads, on the `(status, latitude band, lng, lat)` index, one
 * longitude range per latitude band of a bounding box grown by one metre (distances are whole
 * metres: a merchant 1000.4 m away counts as 1000 m, and must not be cut by a box of exactly
 * 1000 m), ids and coordinates only; it keeps those within the radius by exact distance, nearest
 * first (then id), and reads whole rows only for the page. A radius without an origin is ignored.
 * A page is one query: its rows carry their category's name and their lowest price on shelf (a
 * correlated `min` on the `(merchant_id, status, price)` index, one seek per merchant).
 */
export class KnexMerchantRepository implements MerchantRepository {
  /**
   * `totals`: where the totals of searches without a radius may be kept (see {@link MerchantTotals});
   * `points`: an in-memory index for nearby searches with no other filter (see {@link NearbyIndex}).
   */
  constructor(
    private readonly db: Knex | Knex.Transaction,
    private readonly totals: MerchantTotals = (_key, count) => count(),
    private readonly points: NearbyIndex | null = null,
    private readonly keywords: KeywordIndex | null = null,
  ) {}

  async search(search: MerchantSearch): Promise<{ total: number; listings: MerchantListing[] }> {
    const { origin, radius, keyword } = search;
    if (origin !== undefined && radius !== undefined) return this.searchNearby(search, origin, radius);
    if (keyword !== undefined && this.keywords) {
      const filters = { cityId: search.cityId, categoryIds: search.categoryIds };
      const found = await this.keywords.find(keyword, filters, offsetOf(search), Math.max(0, search.pageSize));
      if (found) return { total: found.total, listings: (await this.rowsInOrder(found.ids)).map((row) => listingOf(row, origin ?? null)) };
    }
    const total = await this.totals(totalKey(search), async () => Number((await this.matching(search).count({ n: '*' }))[0]?.n ?? 0));
    const rows: ListingRow[] = await listingColumns(this.matching(search))
      .orderBy([
        { column: 'm.created_at', order: 'desc' },
        { column: 'm.id', order: 'desc' },
      ])
      .limit(search.pageSize)
      .offset(offsetOf(search));
    return { total, listings: rows.map((row) => listingOf(row, origin ?? null)) };
  }

  async findListing(id: number, origin: GeoPoint | null): Promise<MerchantListing | null> {
    const row = await LISTING_BY_ID.first(this.db, id);
    if (!row) return null;
    return listingOf(row, origin);
  }

  private async searchNearby(
    search: MerchantSearch,
    origin: GeoPoint,
    radius: number,
  ): Promise<{ total: number; listings: MerchantListing[] }> {
    const box = boundingBox(origin, radius + 1);
    const unfiltered = search.cityId === undefined && search.keyword === undefined && search.categoryIds === undefined;
    const start = offsetOf(search);
    const limit = Math.max(0, search.pageSize);
    const found =
      (unfiltered ? await this.points?.within(origin, radius, box, start, limit) : null) ??
      (await this.withinFromTable(search, origin, radius, box, start, limit));
    return { total: found.total, listings: (await this.rowsInOrder(found.page.map((candidate) => candidate.id))).map((row) => listingOf(row, origin)) };
  }

  /** The merchants within the radius that pass the filters, read from the table: how many, and the page, nearest first. */
  private async withinFromTable(
    search: MerchantSearch,
    origin: GeoPoint,
    radius: number,
    box: ReturnType<typeof boundingBox>,
    offset: number,
    limit: number,
  ): Promise<NearbyPage> {
    const points: Array<{ id: number; lat: number; lng: number }> = await this.matching(search)
      .where(inLatitudeBands(this.db, 'm', latitudeBands(box.minLat, box.maxLat)))
      .whereBetween('m.lng', [box.minLng, box.maxLng])
      .whereBetween('m.lat', [box.minLat, box.maxLat])
      .select('m.id', 'm.lat', 'm.lng');
    const within: NearbyCandidate[] = [];
    const distanceTo = distancesFrom(origin);
    for (const point of points) {
      const distance = distanceTo(Number(point.lng), Number(point.lat));
      if (distance <= radius) within.push({ id: Number(point.id), distance });
    }
    within.sort((a, b) => a.distance - b.distance || a.id - b.id);
    return { total: within.length, page: within.slice(offset, offset + limit) };
  }

  /** Whole rows (with category names) of merchants, in the order of `ids`. */
  private async rowsInOrder(ids: readonly number[]): Promise<ListingRow[]> {
    if (ids.length === 0) return [];
    const rows = await LISTINGS_BY_IDS.rows(this.db, ids);
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Enabled merchants (`m`) that pass every filter but the radius, the keyword matched literally. */
  private matching(search: MerchantSearch): Knex.QueryBuilder {
    const query = this.db('merchants as m').where('m.status', MerchantStatus.Normal);
    if (search.cityId !== undefined) query.where('m.city_id', search.cityId);
    if (search.categoryIds !== undefined) query.whereIn('m.merchant_category_id', [...search.categoryIds]);
    if (search.keyword !== undefined) query.where(this.containsKeyword(search.keyword));
    return query;
  }

  /** Name, brand or category name of `m` contains the keyword literally. */
  private containsKeyword(keyword: string): (query: Knex.QueryBuilder) => void {
    const categoriesNamed = this.db('merchant_categories').select('id').where(containsLiterally(this.db, 'name', keyword));
    return (any) =>
      any
        .where(containsLiterally(this.db, 'm.name', keyword))
        .orWhere(containsLiterally(this.db, 'm.brand', keyword))
        .orWhereIn('m.merchant_category_id', categoriesNamed);
  }
}

/** The columns of a listing row of `m`: the merchant's, its category's name, its lowest price on shelf. */
function listingColumns(query: Knex.QueryBuilder): Knex.QueryBuilder {
  const lowest = query.client
    .queryBuilder()
    .from('goods as g')
    .min('g.price')
    .whereRaw('?? = ??', ['g.merchant_id', 'm.id'])
    .where('g.status', GoodsStatus.OnShelf);
  return query
    .leftJoin('merchant_categories as c', 'c.id', 'm.merchant_category_id')
    .select('m.*', 'c.name as category_name', lowest.as('lowest_price'));
}

function listingOf(row: ListingRow, origin: GeoPoint | null): MerchantListing {
  const merchant = merchantFromRow(row);
  return {
    merchant,
    categoryName: row.category_name ?? '',
    lowestPrice: row.lowest_price === null ? null : Number(row.lowest_price),
    distance: origin ? distanceInMetres(origin, merchant.location) : null,
  };
}

// The reads of every listing page and detail, compiled once per shape (see CompiledRead); a detail is a point read.
const LISTING_BY_ID = new CompiledRead<ListingRow>((db, id) => listingColumns(db('merchants as m')).where('m.id', id).limit(1), 'point');
const LISTINGS_BY_IDS = new CompiledRead<ListingRow>((db, ids) => listingColumns(db('merchants as m')).whereIn('m.id', ids as number[]));

function offsetOf(search: MerchantSearch): number {
  return Math.max(0, (search.page - 1) * search.pageSize);
}

/** The filters that decide a total (not the page, not the origin, which only adds distances). */
function totalKey(search: MerchantSearch): string {
  return JSON.stringify([search.cityId ?? null, search.keyword ?? null, search.categoryIds ?? null]);
}
