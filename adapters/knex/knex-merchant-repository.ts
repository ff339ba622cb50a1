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
import { CompiledRead } from './compiled-read.js';
import { containsLiterally } from './literal-match.js';
import { merchantFromRow, type MerchantRow } from './merchant-row.js';
import { inLatitudeBands, latitudeBands } from './latitude-band.js';
import { KEYWORD_TABLE, keywordPlan } from './merchant-keywords.js';
import type { NearbyCandidate } from './merchant-point-index.js';

type ListingRow = MerchantRow & { category_name: string | null };

/**
 * Where the repository may keep the totals of its searches without a radius (a city's merchants,
 * a keyword's), by a key of the filters: counting a city of 100,000 merchants reads 100,000 index
 * entries, while its first page reads 15. Given `count`, the total as stored now, it answers a
 * total that its keeper vouches for (the app keeps them until the `merchants` cache version moves,
 * which `insertMerchant` raises). By default every total is counted.
 */
export type MerchantTotals = (key: string, count: () => Promise<number>) => Promise<number>;

/** The term of the keyword index a keyword search reads (see `keyTerm`). */
interface KeyTerm {
  readonly term: string;
  /** The term is the keyword: every merchant holding it matches. */
  readonly exact: boolean;
  readonly keyword: string;
}

/**
 * An index of the enabled merchants' coordinates that answers a nearby search with no other filter
 * (nearest first, then id; the same answer as the table), or null when it cannot vouch for being
 * current (the repository then reads the table). See `MerchantPointIndex`.
 */
export interface NearbyIndex {
  within(origin: GeoPoint, radius: number, box: ReturnType<typeof boundingBox>): Promise<NearbyCandidate[] | null>;
}

/**
 * Merchant listings. Every search reads enabled merchants only, with its filters AND-combined
 * (keyword: see {@link containsLiterally}; an empty `categoryIds` matches nothing).
 *
 * A keyword is looked up in the keyword index (`merchant-keywords.ts`). One or two characters are
 * a term of the index: without categories, the total and the newest-first page come from the
 * index alone. A longer keyword walks the index rows of its rarest character pair, newest first,
 * checking each merchant's texts literally, so a page reads about as many merchants as it shows.
 *
 * A search with an origin and a radius reads, on the `(status, latitude band, lng, lat)` index, one
 * longitude range per latitude band of a bounding box grown by one metre (distances are whole
 * metres: a merchant 1000.4 m away counts as 1000 m, and must not be cut by a box of exactly
 * 1000 m), ids and coordinates only; it keeps those within the radius by exact distance, nearest
 * first (then id), and reads whole rows only for the page. A radius without an origin is ignored.
 * Lowest prices come from one grouped query per page.
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
  ) {}

  async search(search: MerchantSearch): Promise<{ total: number; listings: MerchantListing[] }> {
    const { origin, radius, keyword } = search;
    if (origin !== undefined && radius !== undefined) return this.searchNearby(search, origin, radius);
    const key = keyword === undefined ? null : await this.keyTerm(keyword, search.cityId);
    if (key?.exact && search.categoryIds === undefined) return this.searchByTerm(search, key.term);
    const matching = () => (key ? this.postingsMatching(search, key) : this.matching(search, null));
    const total = await this.totals(totalKey(search), async () => Number((await matching().count({ n: '*' }))[0]?.n ?? 0));
    const newestFirst = key ? ['k.created_at', 'k.merchant_id'] : ['m.created_at', 'm.id'];
    const rows: ListingRow[] = await this.withCategoryName(matching())
      .orderBy(newestFirst.map((column) => ({ column, order: 'desc' })))
      .limit(search.pageSize)
      .offset(offsetOf(search));
    return { total, listings: await this.listingsOf(rows, origin ?? null) };
  }

  async findListing(id: number, origin: GeoPoint | null): Promise<MerchantListing | null> {
    const row = await LISTING_BY_ID.first(this.db, id);
    if (!row) return null;
    const [listing] = await this.listingsOf([row], origin);
    return listing ?? null;
  }

  /** A keyword that is one term of the index, maybe in a city: total and page from the index. */
  private async searchByTerm(search: MerchantSearch, term: string): Promise<{ total: number; listings: MerchantListing[] }> {
    const total = await this.totals(totalKey(search), async () => Number((await this.postings(term, search.cityId).count({ n: '*' }))[0]?.n ?? 0));
    const page: Array<{ merchant_id: number }> = await this.postings(term, search.cityId)
      .select('k.merchant_id')
      .orderBy([
        { column: 'k.created_at', order: 'desc' },
        { column: 'k.merchant_id', order: 'desc' },
      ])
      .limit(search.pageSize)
      .offset(offsetOf(search));
    const rows = await this.rowsInOrder(page.map((posting) => Number(posting.merchant_id)));
    return { total, listings: await this.listingsOf(rows, search.origin ?? null) };
  }

  private async searchNearby(
    search: MerchantSearch,
    origin: GeoPoint,
    radius: number,
  ): Promise<{ total: number; listings: MerchantListing[] }> {
    const box = boundingBox(origin, radius + 1);
    const unfiltered = search.cityId === undefined && search.keyword === undefined && search.categoryIds === undefined;
    const within = (unfiltered ? await this.points?.within(origin, radius, box) : null) ?? (await this.withinFromTable(search, origin, radius, box));
    const start = offsetOf(search);
    const pageIds = within.slice(start, start + Math.max(0, search.pageSize)).map((candidate) => candidate.id);
    return { total: within.length, listings: await this.listingsOf(await this.rowsInOrder(pageIds), origin) };
  }

  /** The merchants within the radius that pass the filters, read from the table, nearest first. */
  private async withinFromTable(
    search: MerchantSearch,
    origin: GeoPoint,
    radius: number,
    box: ReturnType<typeof boundingBox>,
  ): Promise<NearbyCandidate[]> {
    const key = search.keyword === undefined ? null : await this.keyTerm(search.keyword, search.cityId);
    const points: Array<{ id: number; lat: number; lng: number }> = await this.matching(search, key)
      .where(inLatitudeBands(this.db, 'm', latitudeBands(box.minLat, box.maxLat)))
      .whereBetween('m.lng', [box.minLng, box.maxLng])
      .whereBetween('m.lat', [box.minLat, box.maxLat])
      .select('m.id', 'm.lat', 'm.lng');
    const within: NearbyCandidate[] = [];
    for (const point of points) {
      const distance = distanceInMetres(origin, { lat: Number(point.lat), lng: Number(point.lng) });
      if (distance <= radius) within.push({ id: Number(point.id), distance });
    }
    return within.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  /** Whole rows (with category names) of merchants, in the order of `ids`. */
  private async rowsInOrder(ids: readonly number[]): Promise<ListingRow[]> {
    if (ids.length === 0) return [];
    const rows = await LISTINGS_BY_IDS.rows(this.db, ids);
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The term of the keyword index that a keyword search reads: the keyword itself when it has one
   * or two characters (then the index is the answer: `exact`), else the rarest of its character
   * pairs (counted once per version of the data, like the totals), whose merchants are then
   * checked literally.
   */
  private async keyTerm(keyword: string, cityId: number | undefined): Promise<KeyTerm> {
    const plan = keywordPlan(keyword);
    if (plan.exact) return { term: plan.terms[0]!, exact: true, keyword };
    const counts = await Promise.all(
      plan.terms.map((term) =>
        this.totals(JSON.stringify(['term', term, cityId ?? null]), async () => Number((await this.postings(term, cityId).count({ n: '*' }))[0]?.n ?? 0)),
      ),
    );
    const rarest = counts.indexOf(Math.min(...counts));
    return { term: plan.terms[rarest]!, exact: false, keyword };
  }

  /** Index rows (`k`) of enabled merchants holding `term`, of the city when given. */
  private postings(term: string, cityId: number | undefined): Knex.QueryBuilder {
    const query = this.db(`${KEYWORD_TABLE} as k`).where({ 'k.term': term, 'k.status': MerchantStatus.Normal });
    return cityId === undefined ? query : query.where('k.city_id', cityId);
  }

  /**
   * A keyword search without a radius, walked along the index rows of its term (`k`, newest first
   * in the index) joined to their merchants (`m`), which pass the other filters and the literal
   * check: a page of the newest reads about as many merchants as it shows.
   */
  private postingsMatching(search: MerchantSearch, key: KeyTerm): Knex.QueryBuilder {
    // CROSS JOIN: SQLite then keeps `k` the outer loop (walking its index newest first) whatever its
    // statistics say; elsewhere it is an inner join.
    const query = this.postings(key.term, search.cityId).crossJoin('merchants as m', 'm.id', 'k.merchant_id').where('m.status', MerchantStatus.Normal);
    if (search.categoryIds !== undefined) query.whereIn('m.merchant_category_id', [...search.categoryIds]);
    return key.exact ? query : query.where(this.containsKeyword(key.keyword));
  }

  /** Enabled merchants (`m`) that pass every filter but the radius; `key`: the keyword's term. */
  private matching(search: MerchantSearch, key: KeyTerm | null): Knex.QueryBuilder {
    const query = this.db('merchants as m').where('m.status', MerchantStatus.Normal);
    if (search.cityId !== undefined) query.where('m.city_id', search.cityId);
    if (search.categoryIds !== undefined) query.whereIn('m.merchant_category_id', [...search.categoryIds]);
    if (key) {
      query.whereIn('m.id', this.postings(key.term, search.cityId).select('k.merchant_id'));
      if (!key.exact) query.where(this.containsKeyword(key.keyword));
    }
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

  private withCategoryName(query: Knex.QueryBuilder): Knex.QueryBuilder {
    return withCategoryName(query);
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
    const rows = await LOWEST_PRICES.rows(this.db, merchantIds);
    return new Map(rows.map((row) => [Number(row.merchant_id), Number(row.lowest)]));
  }
}

function withCategoryName(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query.leftJoin('merchant_categories as c', 'c.id', 'm.merchant_category_id').select('m.*', 'c.name as category_name');
}

// The reads of every listing page and detail, compiled once per shape (see CompiledRead).
const LISTING_BY_ID = new CompiledRead<ListingRow>((db, id) => withCategoryName(db('merchants as m')).where('m.id', id).limit(1));
const LISTINGS_BY_IDS = new CompiledRead<ListingRow>((db, ids) => withCategoryName(db('merchants as m')).whereIn('m.id', ids as number[]));
const LOWEST_PRICES = new CompiledRead<{ merchant_id: number; lowest: number }>((db, merchantIds) =>
  db('goods')
    .select('merchant_id')
    .min({ lowest: 'price' })
    .where('status', GoodsStatus.OnShelf)
    .whereIn('merchant_id', merchantIds as number[])
    .groupBy('merchant_id'),
);

function offsetOf(search: MerchantSearch): number {
  return Math.max(0, (search.page - 1) * search.pageSize);
}

/** The filters that decide a total (not the page, not the origin, which only adds distances). */
function totalKey(search: MerchantSearch): string {
  return JSON.stringify([search.cityId ?? null, search.keyword ?? null, search.categoryIds ?? null]);
}
