import KDBush from 'kdbush';
import type { Knex } from 'knex';
import { distancesFrom, MerchantStatus, type GeoPoint } from '../../core/index.js';
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

/** The enabled merchants' coordinates in memory: merchant i has id `ids[i]`, and its coordinates at `positions[i]` in the tree. */
interface Snapshot {
  readonly ids: Int32Array;
  readonly positions: Uint32Array;
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
 * database until the page. About 28 bytes per merchant.
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
    const ids: number[] = [];
    const distances: number[] = [];
    const { coords } = snapshot.index;
    const distanceTo = distancesFrom(origin);
    for (const i of snapshot.index.range(box.minLng, box.minLat, box.maxLng, box.maxLat)) {
      const at = 2 * snapshot.positions[i]!;
      const distance = distanceTo(coords[at]!, coords[at + 1]!);
      if (distance <= radius) {
        ids.push(snapshot.ids[i]!);
        distances.push(distance);
      }
    }
    const before = (a: number, b: number): number => distances[a]! - distances[b]! || ids[a]! - ids[b]!;
    const page = firstInOrder(ids.length, Math.min(ids.length, offset + limit), before).slice(offset);
    return { total: ids.length, page: page.map((j) => ({ id: ids[j]!, distance: distances[j]! })) };
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
    // The tree keeps the coordinates, reordered; `positions` finds a merchant's there.
    const positions = new Uint32Array(capacity);
    for (let p = 0; p < capacity; p++) positions[index.ids[p]!] = p;
    return { ids, positions, index };
  }
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
