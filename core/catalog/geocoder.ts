import type { CoordinateSystem, GeoPoint } from './geo.js';

/**
 * Reverse geocoding to the finest unit of the administrative tree: the GB/T 2260 code of the
 * county containing the point (or of the city, for cities without counties such as 东莞), or null
 * when the point is in no area (the sea, abroad). Throws DomainError 70012-like faults only for
 * online implementations that cannot reach their service.
 */
export interface Geocoder {
  locate(point: GeoPoint, system: CoordinateSystem): Promise<number | null>;
}
