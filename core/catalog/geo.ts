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
  const scale = haversineFrom(origin);
  return (lng, lat) => scale.metres(scale.term(lng, lat));
}

/**
 * The haversine from `origin` in two steps, for searches that measure thousands of points and need
 * the metres of a few: `term` (two sines and a cosine) grows with the distance, and `metres` turns
 * it into whole metres (an arcsine and a square root, the dearer half). `metres(term(lng, lat))` is
 * exactly {@link distanceInMetres}; `bounds` tells, for a distance, which terms surely fall within
 * it and which surely beyond, so that only the few terms between need `metres` to decide.
 */
export interface HaversineScale {
  term(lng: number, lat: number): number;
  metres(term: number): number;
  /** Terms up to `within` are at most `metres` away; terms from `beyond` on are farther. */
  bounds(metres: number): { readonly within: number; readonly beyond: number };
  /**
   * For points with latitudes from `minLat` to `maxLat`: a lower and an upper bound of each point's
   * term, by a few multiplications (no sine, no cosine), tight for nearby points (within about a
   * thousandth at 5 km). What they cannot settle, `term` does.
   */
  termBounds(minLat: number, maxLat: number): TermBounds;
}

export interface TermBounds {
  low(lng: number, lat: number): number;
  high(lng: number, lat: number): number;
}

/** How far either bound starts from the term of the exact distance: far above the arithmetic's error, far below a metre. */
const BOUND_MARGIN = 1e-9;

export function haversineFrom(origin: GeoPoint): HaversineScale {
  const cosOrigin = Math.cos(rad(origin.lat));
  const term = (lng: number, lat: number): number =>
    Math.sin(rad(lat - origin.lat) / 2) ** 2 + cosOrigin * Math.cos(rad(lat)) * Math.sin(rad(lng - origin.lng) / 2) ** 2;
  const metres = (h: number): number => Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
  const bounds = (limit: number): { within: number; beyond: number } => {
    if (limit < 0) return { within: -1, beyond: 0 };
    // Whole metres round half up: a point is within `limit` when its exact distance is below limit + 0.5.
    const angle = (limit + 0.5) / (2 * EARTH_RADIUS_M);
    if (angle >= Math.PI / 2) return { within: Infinity, beyond: Infinity };
    const exact = Math.sin(angle) ** 2;
    // Each bound is checked against `metres` itself, and moved out until it holds.
    let within = exact * (1 - BOUND_MARGIN);
    while (within > 0 && metres(within) > limit) within *= 1 - 1000 * BOUND_MARGIN;
    let beyond = exact * (1 + BOUND_MARGIN);
    while (beyond <= 1 && metres(beyond) <= limit) beyond *= 1 + 1000 * BOUND_MARGIN;
    return { within, beyond: beyond > 1 ? Infinity : beyond };
  };
  const termBounds = (minLat: number, maxLat: number): TermBounds => {
    // sin²x lies between x² − x⁴/3 and x² (for |x| ≤ √6), and the point's cosine between the
    // cosines of the latitudes of the band; widened by far more than the rounding of either side.
    const cosLow = Math.cos(rad(Math.max(Math.abs(minLat), Math.abs(maxLat))));
    const cosHigh = minLat <= 0 && maxLat >= 0 ? 1 : Math.cos(rad(Math.min(Math.abs(minLat), Math.abs(maxLat))));
    const squares = (lng: number, lat: number, cos: number, fourth: number): number => {
      const x = rad(lat - origin.lat) / 2;
      const y = rad(lng - origin.lng) / 2;
      // Half-angles beyond a radian (a search around the world's far side): no lower bound but 0.
      if (fourth > 0 && (x * x > 1 || y * y > 1)) return 0;
      return x * x * (1 - fourth * x * x) + cosOrigin * cos * y * y * (1 - fourth * y * y);
    };
    return {
      low: (lng, lat) => squares(lng, lat, cosLow, 1 / 3) * (1 - ROUNDING_ALLOWANCE),
      high: (lng, lat) => squares(lng, lat, cosHigh, 0) * (1 + ROUNDING_ALLOWANCE),
    };
  };
  return { term, metres, bounds, termBounds };
}

/** Far above the relative rounding of a term computed either way, far below {@link BOUND_MARGIN}. */
const ROUNDING_ALLOWANCE = 1e-12;

/** A latitude/longitude box that contains every point within `radius` metres of `origin`. */
export function boundingBox(origin: GeoPoint, radius: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.cos(rad(Math.min(89.9, Math.abs(origin.lat) + dLat)));
  const dLng = Math.min(180, dLat / Math.max(cos, 1e-6));
  return { minLat: origin.lat - dLat, maxLat: origin.lat + dLat, minLng: origin.lng - dLng, maxLng: origin.lng + dLng };
}
