/** A point on the earth, in degrees. */
export interface GeoPoint {
  readonly lng: number;
  readonly lat: number;
}

/**
 * `gcj02`: the coordinates of Chinese maps and of `wx.getLocation({type: 'gcj02'})`;
 * `wgs84`: GPS, what `wx.getLocation` returns by default.
 */
export type CoordinateSystem = 'gcj02' | 'wgs84';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in whole metres (haversine on the mean earth radius). */
export function distanceInMetres(a: GeoPoint, b: GeoPoint): number {
  return distancesFrom(a)(b.lng, b.lat);
}

/**
 * The distance from `origin` to each point it is given, in whole metres: the same figure as
 * {@link distanceInMetres}, with the origin's part worked out once (for the thousands of points of
 * a dense search, and without an object per point).
 */
export function distancesFrom(origin: GeoPoint): (lng: number, lat: number) => number {
  const cosOrigin = Math.cos(rad(origin.lat));
  return (lng, lat) => {
    const dLat = rad(lat - origin.lat);
    const dLng = rad(lng - origin.lng);
    const h = Math.sin(dLat / 2) ** 2 + cosOrigin * Math.cos(rad(lat)) * Math.sin(dLng / 2) ** 2;
    return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
  };
}

/** A latitude/longitude box that contains every point within `radius` metres of `origin`. */
export function boundingBox(origin: GeoPoint, radius: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.cos(rad(Math.min(89.9, Math.abs(origin.lat) + dLat)));
  const dLng = Math.min(180, dLat / Math.max(cos, 1e-6));
  return { minLat: origin.lat - dLat, maxLat: origin.lat + dLat, minLng: origin.lng - dLng, maxLng: origin.lng + dLng };
}
