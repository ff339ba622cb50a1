import type { Knex } from 'knex';
import { MerchantStatus } from '../../core/index.js';
import { foldAscii, keywordPlan, visitTerms } from './keyword-terms.js';
import { eachEnabledMerchant, grownArray } from './enabled-merchant-rows.js';
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

/**
 * The enabled merchants ranked newest first (rank 0 is the newest; then by id, descending), what a
 * keyword search filters on by rank, and the postings: for every term, the ranks of the merchants
 * holding it, ascending (so newest first).
 */
interface Snapshot {
  readonly ids: Int32Array;
  readonly cities: Int32Array;
  readonly categories: Int32Array;
  /** Term → slot; the postings of slot s are `postings[starts[s]..starts[s + 1]]`. */
  readonly slots: ReadonlyMap<number, number>;
  readonly starts: Uint32Array;
  readonly postings: Uint32Array;
  readonly categoryNames: ReadonlyMap<number, string>;
  /** Longer keywords (folded) → the ranks of the merchants checked to contain them. */
  readonly checked: Map<string, Promise<Uint32Array>>;
}

/** Rows read per query while building (the memory a build holds at once stays small). */
const BUILD_CHUNK = 10_000;
/** Ids per query when longer keywords are checked against the merchants' texts. */
const CHECK_BATCH = 500;
/** Longer keywords whose checked matches a snapshot keeps. */
const CHECKED_KEPT = 256;

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
 * At a million merchants it holds about 19 postings of 4 bytes per merchant, and is built in two
 * passes over the table (count, then fill) so that no million objects are held at once. Freshness
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
    const plan = keywordPlan(keyword);
    const ranks = plan.exact ? postingsOf(snapshot, plan.terms[0]!) : await this.checkedMatches(snapshot, keyword, plan.terms);
    return pageOf(snapshot, ranks, filters, offset, limit);
  }

  /** Resolves once an index of the current version is ready, or its build failed (start-up, tests). */
  ready(): Promise<void> {
    return this.snapshots.ready();
  }

  /** The merchants holding every pair of a longer keyword whose texts contain it, by rank. */
  private checkedMatches(snapshot: Snapshot, keyword: string, pairs: readonly number[]): Promise<Uint32Array> {
    const key = foldAscii(keyword);
    let checked = snapshot.checked.get(key);
    if (!checked) {
      if (snapshot.checked.size >= CHECKED_KEPT) snapshot.checked.delete(snapshot.checked.keys().next().value!);
      checked = this.check(snapshot, key, intersection(pairs.map((term) => postingsOf(snapshot, term))));
      snapshot.checked.set(key, checked);
      checked.catch(() => snapshot.checked.delete(key));
    }
    return checked;
  }

  /** The candidates (ranks, ascending) whose name, brand or category name contains `key` (folded). */
  private async check(snapshot: Snapshot, key: string, candidates: Uint32Array): Promise<Uint32Array> {
    const kept = new Uint32Array(candidates.length);
    let size = 0;
    for (let at = 0; at < candidates.length; at += CHECK_BATCH) {
      const batch = candidates.subarray(at, at + CHECK_BATCH);
      const rows: Array<{ id: number; name: string; brand: string; merchant_category_id: number }> = await this.db('merchants')
        .whereIn('id', Array.from(batch, (rank) => snapshot.ids[rank]!))
        .select('id', 'name', 'brand', 'merchant_category_id');
      const matching = new Set<number>();
      for (const row of rows) {
        const texts = [row.name, row.brand, snapshot.categoryNames.get(Number(row.merchant_category_id)) ?? ''];
        if (texts.some((text) => foldAscii(text).includes(key))) matching.add(Number(row.id));
      }
      for (const rank of batch) if (matching.has(snapshot.ids[rank]!)) kept[size++] = rank;
    }
    return kept.slice(0, size);
  }

  /** Builds the index: a counting pass, the ranks, a filling pass, each term's postings sorted. */
  private async read(): Promise<Snapshot> {
    const categoryNames = new Map<number, string>();
    for (const row of (await this.db('merchant_categories').select('id', 'name')) as Array<{ id: number; name: string }>) {
      categoryNames.set(Number(row.id), row.name);
    }
    const terms = new TermSlots(categoryNames);
    const [counted] = await this.db('merchants').where('status', MerchantStatus.Normal).count({ n: '*' });
    const merchants = new MerchantColumns(Number(counted?.n ?? 0) + BUILD_CHUNK);
    await eachEnabledMerchant<SourceRow>(this.db, SOURCE_COLUMNS, BUILD_CHUNK, (row) => {
      merchants.add(row);
      terms.visit(row, merchants.size - 1, (slot) => terms.count(slot));
    });
    const n = merchants.size;
    const rankOf = merchants.ranks();
    const starts = terms.starts();
    const postings = new Uint32Array(starts[starts.length - 1]!);
    const cursor = starts.slice(0, -1);
    let at = 0;
    await eachEnabledMerchant<SourceRow>(this.db, SOURCE_COLUMNS, BUILD_CHUNK, (row) => {
      if (at >= n || merchants.ids[at] !== Number(row.id)) throw new Error('the merchants changed while their keyword index was built');
      const rank = rankOf[at]!;
      terms.visit(row, n + at, (slot) => {
        if (cursor[slot]! >= starts[slot + 1]!) throw new Error('the merchants changed while their keyword index was built');
        postings[cursor[slot]!++] = rank;
      });
      at += 1;
    });
    if (at !== n || cursor.some((end, slot) => end !== starts[slot + 1])) throw new Error('the merchants changed while their keyword index was built');
    for (let slot = 0; slot + 1 < starts.length; slot += 1) postings.subarray(starts[slot], starts[slot + 1]).sort();
    const { ids, cities, categories } = merchants.inRankOrder(rankOf);
    return { ids, cities, categories, slots: terms.slots, starts, postings, categoryNames, checked: new Map() };
  }
}

interface SourceRow {
  id: number;
  name: string;
  brand: string;
  merchant_category_id: number;
  city_id: number;
  created_at: number;
}

const SOURCE_COLUMNS = ['id', 'name', 'brand', 'merchant_category_id', 'city_id', 'created_at'] as const;

/**
 * The slots of the terms met while building, how many merchants hold each, and the slots of each
 * category's name (the same for all its merchants, so made once). A term is counted once per
 * merchant (`mark`: the merchant last seen with the slot).
 */
class TermSlots {
  readonly slots = new Map<number, number>();
  private counts = new Uint32Array(1 << 16);
  /** Set once the postings are laid out: a term met after that was not counted. */
  private laidOut = false;
  private marks = new Float64Array(1 << 16).fill(-1);
  private readonly ofCategory = new Map<number, number[]>();

  constructor(private readonly categoryNames: ReadonlyMap<number, string>) {}

  /** Calls `each` once with every slot of the merchant's terms; `mark` tells this merchant from the others. */
  visit(row: SourceRow, mark: number, each: (slot: number) => void): void {
    const once = (slot: number): void => {
      if (this.marks[slot] === mark) return;
      this.marks[slot] = mark;
      each(slot);
    };
    const toSlot = (term: number): void => once(this.slotOf(term));
    visitTerms(row.name, toSlot);
    visitTerms(row.brand, toSlot);
    for (const slot of this.categorySlots(Number(row.merchant_category_id))) once(slot);
  }

  count(slot: number): void {
    this.counts[slot]! += 1;
  }

  /** Where each slot's postings start, and their end (length: slots + 1). */
  starts(): Uint32Array {
    this.laidOut = true;
    const starts = new Uint32Array(this.slots.size + 1);
    for (let slot = 0; slot < this.slots.size; slot += 1) starts[slot + 1] = starts[slot]! + this.counts[slot]!;
    return starts;
  }

  private slotOf(term: number): number {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      if (this.laidOut) throw new Error('the merchants changed while their keyword index was built');
      slot = this.slots.size;
      this.slots.set(term, slot);
      if (slot >= this.counts.length) {
        const counts = new Uint32Array(this.counts.length * 2);
        counts.set(this.counts);
        this.counts = counts;
        const marks = new Float64Array(this.marks.length * 2).fill(-1);
        marks.set(this.marks);
        this.marks = marks;
      }
    }
    return slot;
  }

  private categorySlots(categoryId: number): readonly number[] {
    let slots = this.ofCategory.get(categoryId);
    if (!slots) {
      const distinct = new Set<number>();
      visitTerms(this.categoryNames.get(categoryId) ?? '', (term) => distinct.add(this.slotOf(term)));
      slots = [...distinct];
      this.ofCategory.set(categoryId, slots);
    }
    return slots;
  }
}

/** The enabled merchants' columns a keyword search needs, in the order read (by id). */
class MerchantColumns {
  size = 0;
  ids: Int32Array;
  private createdAt: Float64Array;
  private cities: Int32Array;
  private categories: Int32Array;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.createdAt = new Float64Array(capacity);
    this.cities = new Int32Array(capacity);
    this.categories = new Int32Array(capacity);
  }

  add(row: SourceRow): void {
    if (this.size === this.ids.length) this.grow();
    this.ids[this.size] = Number(row.id);
    this.createdAt[this.size] = Number(row.created_at);
    this.cities[this.size] = Number(row.city_id);
    this.categories[this.size] = Number(row.merchant_category_id);
    this.size += 1;
  }

  /** The rank of each merchant read: newest first, then by id descending (those read later). */
  ranks(): Uint32Array {
    const n = this.size;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i += 1) order[i] = n - 1 - i;
    let ascending = true;
    for (let i = 1; i < n && ascending; i += 1) ascending = this.createdAt[i - 1]! <= this.createdAt[i]!;
    // Read by id, so when creation times never go down the order is the reverse; else sort.
    if (!ascending) order.sort((a, b) => this.createdAt[b]! - this.createdAt[a]! || b - a);
    const rankOf = new Uint32Array(n);
    for (let rank = 0; rank < n; rank += 1) rankOf[order[rank]!] = rank;
    return rankOf;
  }

  inRankOrder(rankOf: Uint32Array): { ids: Int32Array; cities: Int32Array; categories: Int32Array } {
    const ids = new Int32Array(this.size);
    const cities = new Int32Array(this.size);
    const categories = new Int32Array(this.size);
    for (let i = 0; i < this.size; i += 1) {
      const rank = rankOf[i]!;
      ids[rank] = this.ids[i]!;
      cities[rank] = this.cities[i]!;
      categories[rank] = this.categories[i]!;
    }
    return { ids, cities, categories };
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    this.ids = grownArray(this.ids, new Int32Array(capacity));
    this.createdAt = grownArray(this.createdAt, new Float64Array(capacity));
    this.cities = grownArray(this.cities, new Int32Array(capacity));
    this.categories = grownArray(this.categories, new Int32Array(capacity));
  }

}

function postingsOf(snapshot: Snapshot, term: number): Uint32Array {
  const slot = snapshot.slots.get(term);
  return slot === undefined ? new Uint32Array(0) : snapshot.postings.subarray(snapshot.starts[slot], snapshot.starts[slot + 1]);
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

/** The page at `offset` and the total of the ranks (ascending: newest first) that pass the filters. */
function pageOf(snapshot: Snapshot, ranks: Uint32Array, filters: KeywordFilters, offset: number, limit: number): KeywordPage {
  const { cityId } = filters;
  const categories = filters.categoryIds === undefined ? null : new Set(filters.categoryIds);
  if (cityId === undefined && categories === null) {
    return { total: ranks.length, ids: Array.from(ranks.subarray(offset, offset + limit), (rank) => snapshot.ids[rank]!) };
  }
  const ids: number[] = [];
  let total = 0;
  for (const rank of ranks) {
    if (cityId !== undefined && snapshot.cities[rank] !== cityId) continue;
    if (categories !== null && !categories.has(snapshot.categories[rank]!)) continue;
    if (total >= offset && ids.length < limit) ids.push(snapshot.ids[rank]!);
    total += 1;
  }
  return { total, ids };
}
