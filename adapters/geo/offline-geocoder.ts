import { readFile } from 'node:fs/promises';
import type { CoordinateSystem, GeoPoint } from '../../core/catalog/geo.js';
import type { Geocoder } from '../../core/catalog/geocoder.js';
import { decodeBoundaryFile } from './county-boundary-file.js';
import { CountyLocator } from './county-locator.js';
import { toGcj02 } from './gcj02.js';

/** The county boundaries shipped with the project (resolved from `dist/adapters/geo/`). */
export const DEFAULT_COUNTY_BOUNDARIES = new URL('../../../resources/geo/counties.bin', import.meta.url);

/**
 * {@link Geocoder} without network: point-in-polygon over the county boundaries of
 * `resources/geo/counties.bin` (GCJ-02, ~2016-17 borders joined to the current codes; counties
 * split off others since then answer with the unit they came from). A `wgs84` point is first
 * converted to GCJ-02 with gcoord. Answers null at sea, abroad, and in Taiwan, Hong Kong and
 * Macau (outside the areas tree).
 *
 * Build it with {@link OfflineGeocoder.load} (reads and indexes the file now: a broken or missing
 * file fails the start) or {@link OfflineGeocoder.lazy} (on the first call; a failed load is
 * retried by the next call).
 */
export class OfflineGeocoder implements Geocoder {
  readonly #path: string | URL;
  #locator: CountyLocator | null = null;
  #loading: Promise<CountyLocator> | null = null;

  private constructor(path: string | URL) {
    this.#path = path;
  }

  /** Reads and indexes the boundary file before resolving (~0.1 s, ~30 MB). */
  static async load(path: string | URL = DEFAULT_COUNTY_BOUNDARIES): Promise<OfflineGeocoder> {
    const geocoder = new OfflineGeocoder(path);
    await geocoder.#ready();
    return geocoder;
  }

  /** Reads the boundary file on the first {@link locate} call. */
  static lazy(path: string | URL = DEFAULT_COUNTY_BOUNDARIES): OfflineGeocoder {
    return new OfflineGeocoder(path);
  }

  /** Whether the boundary file has been read and indexed. */
  get loaded(): boolean {
    return this.#locator !== null;
  }

  async locate(point: GeoPoint, system: CoordinateSystem): Promise<number | null> {
    const locator = this.#locator ?? (await this.#ready());
    const { lng, lat } = system === 'wgs84' ? toGcj02(point) : point;
    return locator.codeAt(lng, lat);
  }

  #ready(): Promise<CountyLocator> {
    this.#loading ??= readFile(this.#path).then(
      (bytes) => (this.#locator = new CountyLocator(decodeBoundaryFile(bytes))),
      (error: unknown) => {
        this.#loading = null;
        throw error;
      },
    );
    return this.#loading;
  }
}
