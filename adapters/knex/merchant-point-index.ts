import KDBush from 'kdbush';
import type { Knex } from 'knex';
import { distanceInMetres, MerchantStatus, type GeoPoint } from '../../core/index.js';

/** A merchant found near an origin, with its exact distance in whole metres. */
export interface NearbyCandidate {
  readonly id: number;
  readonly distance: number;
}

/** The enabled merchants' coordinates in memory, and the version of the data they were read at. */
interface Snapshot {
  readonly version: number;
  readonly ids: Int32Array;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  readonly index: KDBush;
}

/** Rows read per query while building (the memory a build holds at once stays small). */
const BUILD_CHUNK = 20_000;

/**
 * The coordinates of every enabled merchant in a k-d tree (kdbush) in this process, for nearby
 * searches with no other filter: a 5 km search among a million merchants then costs the merchants
 * in its box (a range query in memory, exact distances, a sort), with no row read from the
 * database until the page. About 20 bytes per merchant.
 *
 * Freshness across instances: the index is built for the `merchants` cache version that
 * `version()` answers (raised by every merchant write of this project, and checked by each
 * instance at most every few seconds). When the version moves, a new index is built in the
 * background, and until it is ready {@link within} answers null, so that the caller reads the
 * database instead: no search is ever answered from an index older than the version it knows.
 */
export class MerchantPointIndex {
  private snapshot: Snapshot | null = null;
  private building: { version: number; done: Promise<void> } | null = null;

  constructor(
    private readonly db: Knex,
    private readonly version: () => Promise<number>,
    private readonly onBuildFailure: (error: unknown) => void = () => {},
  ) {}

  /**
   * The merchants within `radius` metres of `origin` inside `box` (which holds the circle),
   * nearest first, then by id; null while no index of the current version is ready.
   */
  async within(origin: GeoPoint, radius: number, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }): Promise<NearbyCandidate[] | null> {
    const version = await this.version();
    const snapshot = this.snapshot;
    if (!snapshot || snapshot.version !== version) {
      this.build(version);
      return null;
    }
    const found: NearbyCandidate[] = [];
    for (const i of snapshot.index.range(box.minLng, box.minLat, box.maxLng, box.maxLat)) {
      const distance = distanceInMetres(origin, { lat: snapshot.lat[i]!, lng: snapshot.lng[i]! });
      if (distance <= radius) found.push({ id: snapshot.ids[i]!, distance });
    }
    return found.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  /** Resolves once an index of the current version is ready (for start-up and tests). */
  async ready(): Promise<void> {
    const version = await this.version();
    if (this.snapshot?.version === version) return;
    this.build(version);
    await this.building?.done;
  }

  private build(version: number): void {
    if (this.building?.version === version) return;
    const done = this.read(version).then(
      (snapshot) => {
        if (this.building?.version === version) this.building = null;
        if (!this.snapshot || this.snapshot.version !== version) this.snapshot = snapshot;
      },
      (error: unknown) => {
        if (this.building?.version === version) this.building = null;
        this.onBuildFailure(error);
      },
    );
    this.building = { version, done };
  }

  /** Reads the coordinates a chunk at a time into typed arrays (no array of a million objects). */
  private async read(version: number): Promise<Snapshot> {
    const [counted] = await this.db('merchants').where('status', MerchantStatus.Normal).count({ n: '*' });
    let capacity = Number(counted?.n ?? 0) + BUILD_CHUNK;
    let ids = new Int32Array(capacity);
    let lat = new Float64Array(capacity);
    let lng = new Float64Array(capacity);
    let size = 0;
    let after = 0;
    for (;;) {
      const rows: Array<{ id: number; lat: number; lng: number }> = await this.db('merchants')
        .where('status', MerchantStatus.Normal)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BUILD_CHUNK)
        .select('id', 'lat', 'lng');
      if (size + rows.length > capacity) {
        capacity = (size + rows.length) * 2;
        ids = grown(ids, new Int32Array(capacity));
        lat = grown(lat, new Float64Array(capacity));
        lng = grown(lng, new Float64Array(capacity));
      }
      for (const row of rows) {
        ids[size] = Number(row.id);
        lat[size] = Number(row.lat);
        lng[size] = Number(row.lng);
        size++;
      }
      if (rows.length < BUILD_CHUNK) break;
      after = Number(rows[rows.length - 1]!.id);
    }
    const index = new KDBush(Math.max(1, size));
    for (let i = 0; i < size; i++) index.add(lng[i]!, lat[i]!);
    if (size === 0) index.add(Number.NaN, Number.NaN);
    index.finish();
    return { version, ids: ids.subarray(0, size), lat: lat.subarray(0, size), lng: lng.subarray(0, size), index };
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
