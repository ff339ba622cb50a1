import type { Knex } from 'knex';
import { MerchantStatus } from '../../core/index.js';
import { foldAscii, keywordPlan } from './keyword-terms.js';
import { eachEnabledMerchantNewestFirst } from './enabled-merchant-rows.js';
import { decodePostings, type KeywordPostings, KeywordPostingsBuilder, type KeywordSource } from './keyword-postings.js';
import { VersionedSnapshot } from './versioned-snapshot.js';

/** The filters a keyword search combines with its keyword. */
export interface KeywordFilters {
  readonly cityId?: number;
  /** An empty list matches nothing. */
  readonly categoryIds?: readonly number[];
}

/** A page of a keyword search: the ids of its merchants, newest first (then id), and the total. */
export interface KeywordPage {
  readonly total: number;
  readonly ids: number[];
}

/** The index of one version: its postings, the category names it was built with, answers kept. */
interface Snapshot {
  readonly postings: KeywordPostings;
  readonly categoryNames: ReadonlyMap<number, string>;
  /** The matches (ranks) of searches that took more than decoding a page: filtered, or checked. */
  readonly kept: KeptRanks;
}

/** Rows read per query while building (the memory a build holds at once stays small). */
const BUILD_CHUNK = 10_000;
/** Ids per query when longer keywords are checked against the merchants' texts. */
const CHECK_BATCH = 500;
/** Searches whose matches a snapshot keeps, and their ranks in all (4 bytes each). */
const KEPT_SEARCHES = 512;
const KEPT_RANKS = 4_000_000;

/**
 * Keyword search of merchants from an index in this process: every character and every pair of
 * adjacent characters of each enabled merchant's name, brand and category name (see
 * `keyword-terms.ts`), each with the ranks of the merchants holding it, newest first.
 *
 * A keyword of one or two characters is a term: its postings are the answer, filtered by city and
 * categories in memory. A longer keyword's candidates are the merchants holding all its pairs (the
 * postings intersected); each is then checked against its texts as stored, once per keyword and
 * version, so that the answer is exactly the literal match (`containsLiterally`, ASCII case
 * folded). Only the page's rows are then read from the database.
 *
 * At a million merchants it holds about 19 postings per merchant, mostly one byte each (see
 * `KeywordPostings`), and is built in one pass over the merchants newest first, along an index
 * that covers what it reads (`merchants_newest_first_index`), a chunk of rows at a time. Freshness
 * across instances is that of {@link VersionedSnapshot}: the index answers only for the version
 * (of merchants and categories) it was built at; a search while a build of the current version
 * runs waits for it, and a failed build leaves the search to the table.
 */
export class MerchantKeywordIndex {
  private readonly snapshots: VersionedSnapshot<string, Snapshot>;

  constructor(
    private readonly db: Knex,
    version: () => Promise<string>,
    onBuildFailure: (error: unknown) => void = () => {},
  ) {
    this.snapshots = new VersionedSnapshot(version, () => this.read(), onBuildFailure);
  }

  /** The page and total of a keyword search; null when no index of the current version could be built. */
  async find(keyword: string, filters: KeywordFilters, offset: number, limit: number): Promise<KeywordPage | null> {
    const snapshot = await this.snapshots.awaitCurrent();
    if (!snapshot) return null;
    const { postings } = snapshot;
    const plan = keywordPlan(keyword);
    const unfiltered = filters.cityId === undefined && filters.categoryIds === undefined;
    if (plan.exact && unfiltered) {
      // Every holder matches: the total is counted already, and only the page is decoded.
      const slot = postings.slots.get(plan.terms[0]!);
      const total = slot === undefined ? 0 : postings.counts[slot]!;
      const ranks = postingsOf(postings, plan.terms[0]!, offset + limit).subarray(offset);
      return { total, ids: Array.from(ranks, (rank) => postings.ids[rank]!) };
    }
    const folded = foldAscii(keyword);
    const matches = (): Promise<Uint32Array> =>
      plan.exact ? Promise.resolve(postingsOf(postings, plan.terms[0]!)) : snapshot.kept.get(folded, () => this.checked(snapshot, folded, plan.terms));
    const ranks = unfiltered
      ? await matches()
      : await snapshot.kept.get(JSON.stringify([folded, filters.cityId ?? null, filters.categoryIds ?? null]), async () =>
          filtered(postings, await matches(), filters),
        );
    return { total: ranks.length, ids: Array.from(ranks.subarray(offset, offset + limit), (rank) => postings.ids[rank]!) };
  }

  /** Resolves once an index of the current version is ready, or its build failed (start-up, tests). */
  ready(): Promise<void> {
    return this.snapshots.ready();
  }

  /** The merchants holding every pair of a longer keyword (folded) whose texts contain it, by rank. */
  private checked(snapshot: Snapshot, folded: string, pairs: readonly number[]): Promise<Uint32Array> {
    return this.check(snapshot, folded, intersection(pairs.map((term) => postingsOf(snapshot.postings, term))));
  }

  /** The candidates (ranks, ascending) whose name, brand or category name contains `key` (folded). */
  private async check(snapshot: Snapshot, key: string, candidates: Uint32Array): Promise<Uint32Array> {
    const kept = new Uint32Array(candidates.length);
    let size = 0;
    for (let at = 0; at < candidates.length; at += CHECK_BATCH) {
      const batch = candidates.subarray(at, at + CHECK_BATCH);
      const rows: Array<{ id: number; name: string; brand: string; merchant_category_id: number }> = await this.db('merchants')
        .whereIn('id', Array.from(batch, (rank) => snapshot.postings.ids[rank]!))
        .select('id', 'name', 'brand', 'merchant_category_id');
      const matching = new Set<number>();
      for (const row of rows) {
        const texts = [row.name, row.brand, snapshot.categoryNames.get(Number(row.merchant_category_id)) ?? ''];
        if (texts.some((text) => foldAscii(text).includes(key))) matching.add(Number(row.id));
      }
      for (const rank of batch) if (matching.has(snapshot.postings.ids[rank]!)) kept[size++] = rank;
    }
    return kept.slice(0, size);
  }

  /** Builds the index in one pass over the enabled merchants, newest first (see `KeywordPostingsBuilder`). */
  private async read(): Promise<Snapshot> {
    const categoryNames = new Map<number, string>();
    for (const row of (await this.db('merchant_categories').select('id', 'name')) as Array<{ id: number; name: string }>) {
      categoryNames.set(Number(row.id), row.name);
    }
    const [counted] = await this.db('merchants').where('status', MerchantStatus.Normal).count({ n: '*' });
    const builder = new KeywordPostingsBuilder(categoryNames, Number(counted?.n ?? 0) + BUILD_CHUNK);
    await eachEnabledMerchantNewestFirst<KeywordSource>(this.db, SOURCE_COLUMNS, BUILD_CHUNK, (row) => builder.add(row));
    return { postings: builder.build(), categoryNames, kept: new KeptRanks(KEPT_SEARCHES, KEPT_RANKS) };
  }
}

const SOURCE_COLUMNS = ['id', 'name', 'brand', 'merchant_category_id', 'city_id', 'created_at'] as const;

/** The ranks of the merchants holding `term`, ascending; at most the first `limit`. */
function postingsOf(postings: KeywordPostings, term: number, limit = Infinity): Uint32Array {
  const slot = postings.slots.get(term);
  return slot === undefined ? new Uint32Array(0) : decodePostings(postings, slot, limit);
}

/** The ranks in every list (each ascending), ascending. */
function intersection(lists: readonly Uint32Array[]): Uint32Array {
  const [shortest, ...others] = [...lists].sort((a, b) => a.length - b.length);
  let result = shortest ?? new Uint32Array(0);
  for (const other of others) {
    const kept = new Uint32Array(result.length);
    let size = 0;
    let j = 0;
    for (const rank of result) {
      while (j < other.length && other[j]! < rank) j += 1;
      if (j === other.length) break;
      if (other[j] === rank) kept[size++] = rank;
    }
    result = kept.subarray(0, size);
  }
  return result;
}

/** The ranks (ascending: newest first) that pass the filters. */
function filtered(postings: KeywordPostings, ranks: Uint32Array, filters: KeywordFilters): Uint32Array {
  const { cityId } = filters;
  const categories = filters.categoryIds === undefined ? null : new Set(filters.categoryIds);
  const kept = new Uint32Array(ranks.length);
  let size = 0;
  for (const rank of ranks) {
    if (cityId !== undefined && postings.cities[rank] !== cityId) continue;
    if (categories !== null && !categories.has(postings.categories[rank]!)) continue;
    kept[size++] = rank;
  }
  return kept.slice(0, size);
}

/**
 * Lists of ranks kept by a key, at most `searches` of them and `ranks` ranks in all (the oldest go
 * first). A list being made is shared by every caller; one that fails is not kept.
 */
class KeptRanks {
  private readonly lists = new Map<string, { readonly list: Promise<Uint32Array>; size: number }>();
  private held = 0;

  constructor(
    private readonly searches: number,
    private readonly ranks: number,
  ) {}

  get(key: string, make: () => Promise<Uint32Array>): Promise<Uint32Array> {
    const found = this.lists.get(key);
    if (found) return found.list;
    const entry = { list: make(), size: 0 };
    this.lists.set(key, entry);
    entry.list.then(
      (list) => {
        if (this.lists.get(key) !== entry) return;
        entry.size = list.length;
        this.held += list.length;
        this.trim();
      },
      () => {
        if (this.lists.get(key) === entry) this.lists.delete(key);
      },
    );
    this.trim();
    return entry.list;
  }

  private trim(): void {
    for (const [key, entry] of this.lists) {
      if (this.lists.size <= this.searches && this.held <= this.ranks) return;
      this.lists.delete(key);
      this.held -= entry.size;
    }
  }
}
