import KDBush from 'kdbush';
import type { Knex } from 'knex';
import { haversineFrom, MerchantStatus, type GeoPoint, type HaversineScale } from '../../core/index.js';
import { eachEnabledMerchant } from './enabled-merchant-rows.js';
import { VersionedSnapshot } from './versioned-snapshot.js';

/** A merchant found near an origin, with its exact distance in whole metres. */
export interface NearbyCandidate {
  readonly id: number;
  readonly distance: number;
}

/** A box of coordinates (degrees). */
export interface GeoBox {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLng: number;
  readonly maxLng: number;
}

/** How many merchants a nearby search finds, and its page of them, nearest first. */
export interface NearbyPage {
  readonly total: number;
  readonly page: readonly NearbyCandidate[];
}

/**
 * The enabled merchants' coordinates in memory, in the tree's order: the merchant at place `p` has
 * id `ids[p]` and its coordinates at `index.coords[2p]` and `[2p + 1]`; a range query of the tree
 * answers places (see {@link MerchantPointIndex.read}).
 */
interface Snapshot {
  readonly ids: Int32Array;
  readonly index: KDBush;
}

/** A coordinate no merchant and no search box has (degrees). */
const OFF_THE_GLOBE = 1000;

/** Rows read per query while building (the memory a build holds at once stays small). */
const BUILD_CHUNK = 20_000;

/**
 * The coordinates of every enabled merchant in a k-d tree (kdbush) in this process, for nearby
 * searches with no other filter: a 5 km search among a million merchants then costs the merchants
 * in its box (a range query in memory, exact distances, a sort), with no row read from the
 * database until the page. About 24 bytes per merchant.
 *
 * Freshness across instances: the index is built for the `merchants` cache version that
 * `version()` answers (raised by every merchant write of this project, and checked by each
 * instance at most every few seconds). When the version moves, a new index is built in the
 * background, and until it is ready {@link within} answers null, so that the caller reads the
 * database instead: no search is ever answered from an index older than the version it knows.
 */
export class MerchantPointIndex {
  private readonly snapshots: VersionedSnapshot<number, Snapshot>;

  constructor(
    private readonly db: Knex,
    version: () => Promise<number>,
    onBuildFailure: (error: unknown) => void = () => {},
  ) {
    this.snapshots = new VersionedSnapshot(version, () => this.read(), onBuildFailure);
  }

  /**
   * The merchants within `radius` metres of `origin` inside `box` (which holds the circle): how
   * many, and the `limit` from `offset` on, nearest first, then by id; null while no index of the
   * current version is ready. Only the merchants up to the page are put in order (a dense 5 km
   * holds thousands; a first page needs the 15 nearest).
   */
  async within(origin: GeoPoint, radius: number, box: GeoBox, offset: number, limit: number): Promise<NearbyPage | null> {
    const snapshot = await this.snapshots.current();
    if (!snapshot) return null;
    const places = snapshot.index.range(box.minLng, box.minLat, box.maxLng, box.maxLat);
    const { coords } = snapshot.index;
    // Cheap bounds of each point's haversine term settle nearly every point; the few right at the
    // radius get their exact term, and those right at it their metres.
    const scale = haversineFrom(origin);
    const { within, beyond } = scale.bounds(radius);
    const approximate = scale.termBounds(box.minLat, box.maxLat);
    const found: Found = { places: new Uint32Array(places.length), low: new Float64Array(places.length), high: new Float64Array(places.length), size: 0 };
    for (const p of places) {
      const lng = coords[2 * p]!;
      const lat = coords[2 * p + 1]!;
      const high = approximate.high(lng, lat);
      const low = approximate.low(lng, lat);
      if (high > within) {
        if (low >= beyond) continue;
        const term = scale.term(lng, lat);
        if (term > within && (term >= beyond || scale.metres(term) > radius)) continue;
      }
      found.places[found.size] = p;
      found.low[found.size] = low;
      found.high[found.size] = high;
      found.size++;
    }
    return { total: found.size, page: pageOf(scale, snapshot, found, offset, limit) };
  }

  /** Resolves once an index of the current version is ready, or its build failed (start-up, tests). */
  ready(): Promise<void> {
    return this.snapshots.ready();
  }

  /**
   * Reads the coordinates a chunk at a time straight into the tree (no array of a million objects,
   * no copies beside it). The tree is sized by a count made first, with room for a chunk more;
   * places left over hold a point off the globe, in no search's box.
   */
  private async read(): Promise<Snapshot> {
    const [counted] = await this.db('merchants').where('status', MerchantStatus.Normal).count({ n: '*' });
    const capacity = Number(counted?.n ?? 0) + BUILD_CHUNK;
    const ids = new Int32Array(capacity);
    const index = new KDBush(capacity);
    let size = 0;
    await eachEnabledMerchant<{ id: number; lat: number; lng: number }>(this.db, ['id', 'lat', 'lng'], BUILD_CHUNK, (row) => {
      if (size === capacity) throw new Error('more merchants were enabled while the nearby index was built than it has room for');
      ids[size] = Number(row.id);
      index.add(Number(row.lng), Number(row.lat));
      size++;
    });
    for (let i = size; i < capacity; i++) index.add(OFF_THE_GLOBE, OFF_THE_GLOBE);
    index.finish();
    // The tree keeps the coordinates reordered, and `index.ids` maps a place to the order of adding.
    // The merchants' ids are put in the tree's order, and `index.ids` made the identity, so that a
    // range query answers places: each point found is then read where its neighbours are (a dense
    // search reads thousands), not through a second table at random.
    const byPlace = new Int32Array(capacity);
    for (let p = 0; p < capacity; p++) {
      byPlace[p] = ids[index.ids[p]!]!;
      index.ids[p] = p;
    }
    return { ids: byPlace, index };
  }
}

/** The places of the merchants within a radius, with the bounds of their haversine terms. */
interface Found {
  readonly places: Uint32Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  size: number;
}

/**
 * The page of merchants found, nearest first (by whole metres, then id). The first `offset + limit`
 * by upper bound, measured, give a distance that the page cannot exceed; every merchant found whose
 * lower bound does not pass beyond it is measured and put in order (there are a few more than the
 * page: those the bounds could not tell apart, and those at the page's last distance, which may
 * come before by id).
 */
function pageOf(scale: HaversineScale, snapshot: Snapshot, found: Found, offset: number, limit: number): NearbyCandidate[] {
  const wanted = Math.min(found.size, offset + limit);
  if (wanted <= offset) return [];
  const { coords } = snapshot.index;
  const metresAt = (j: number): number => scale.metres(scale.term(coords[2 * found.places[j]!]!, coords[2 * found.places[j]! + 1]!));
  const farthest = firstInOrder(found.size, wanted, (a, b) => found.high[a]! - found.high[b]!).reduce((most, j) => Math.max(most, metresAt(j)), 0);
  const { beyond } = scale.bounds(farthest);
  const candidates: NearbyCandidate[] = [];
  for (let j = 0; j < found.size; j++) {
    if (found.low[j]! < beyond) candidates.push({ id: snapshot.ids[found.places[j]!]!, distance: metresAt(j) });
  }
  candidates.sort((a, b) => a.distance - b.distance || a.id - b.id);
  return candidates.slice(offset, wanted);
}

/**
 * The first `k` of `0..n-1` by `before`, in order: sorted outright when `k` is most of `n`, else
 * kept in a max-heap of `k` (n log k comparisons instead of n log n).
 */
export function firstInOrder(n: number, k: number, before: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (2 * k >= n) return Array.from({ length: n }, (_, i) => i).sort(before).slice(0, k);
  const heap: number[] = [];
  const siftDown = (at: number): void => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let last = at;
      if (left < heap.length && before(heap[left]!, heap[last]!) > 0) last = left;
      if (right < heap.length && before(heap[right]!, heap[last]!) > 0) last = right;
      if (last === at) return;
      [heap[at], heap[last]] = [heap[last]!, heap[at]!];
      at = last;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (before(heap[at]!, heap[parent]!) <= 0) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (before(i, heap[0]!) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(before);
}
