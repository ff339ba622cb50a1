// Decoder for echarts' compressed GeoJSON ("UTF8Encoding"), written from the format as echarts'
// own parseGeoJson reads it (checked against the copy of echarts.min.js in the source package):
//
// - A FeatureCollection with `UTF8Encoding: true` stores every ring as a string instead of an
//   array of positions, and each geometry carries `encodeOffsets`, one [x, y] pair per ring
//   (nested per polygon for a MultiPolygon).
// - The string is a sequence of character pairs. For each pair, take the UTF-16 code unit minus
//   64, undo the ZigZag encoding (`(v >> 1) ^ -(v & 1)`), add the previous value (the first
//   previous value is the ring's offset), and divide by the scale (`UTF8Scale`, default 1024).
//
// The decoder returns integer grid coordinates (degrees × scale) instead of dividing, because
// the rest of the pipeline works on that grid; `scale` tells the caller what one unit is.

/** The default quantisation of echarts' encoding: 1/1024 degree per unit. */
export const ECHARTS_DEFAULT_SCALE = 1024;

/**
 * Whether a parsed GeoJSON object uses the compressed encoding (a truthy `UTF8Encoding`, or any
 * geometry whose rings are strings, so that a file forgetting the flag is still caught).
 * @param {any} json
 */
export function isEchartsEncoded(json) {
  if (json.UTF8Encoding) return true;
  return (json.features ?? []).some((feature) => {
    const coordinates = feature.geometry?.coordinates ?? [];
    const first = feature.geometry?.type === 'MultiPolygon' ? coordinates[0]?.[0] : coordinates[0];
    return typeof first === 'string';
  });
}

/**
 * Decodes one ring string into a flat array of integer grid coordinates [x0, y0, x1, y1, …].
 * @param {string} encoded
 * @param {[number, number]} offset the ring's `encodeOffsets` entry
 * @returns {number[]}
 */
export function decodeRing(encoded, offset) {
  if (encoded.length % 2 !== 0) throw new Error('echarts ring: odd number of characters');
  const out = new Array(encoded.length);
  let x = offset[0];
  let y = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    out[i] = x;
    out[i + 1] = y;
  }
  return out;
}

/**
 * Converts a ring given as GeoJSON positions in degrees to flat grid coordinates, checking that
 * every position lies on the grid (the plain files of the package were decoded from the same
 * encoding, so they do); a position off the grid is rounded and counted in `stats.offGrid`.
 * @param {number[][]} positions
 * @param {number} scale
 * @param {{ offGrid: number }} stats
 */
export function gridRing(positions, scale, stats) {
  const out = new Array(positions.length * 2);
  positions.forEach(([lng, lat], i) => {
    const x = lng * scale;
    const y = lat * scale;
    if (!Number.isInteger(x) || !Number.isInteger(y)) stats.offGrid++;
    out[2 * i] = Math.round(x);
    out[2 * i + 1] = Math.round(y);
  });
  return out;
}

/**
 * The polygons of a feature as grid rings: `[[outer, hole, …], …]`, each ring a flat
 * [x0, y0, x1, y1, …] array. Works on both encodings.
 * @param {any} geometry a Polygon or MultiPolygon (null or empty gives [])
 * @param {boolean} encoded whether the file uses the compressed encoding
 * @param {number} scale the grid (the file's `UTF8Scale`, default 1024)
 * @param {{ offGrid: number }} stats
 * @returns {number[][][]}
 */
export function featurePolygons(geometry, encoded, scale, stats) {
  if (!geometry || !Array.isArray(geometry.coordinates)) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const offsets = geometry.type === 'Polygon' ? [geometry.encodeOffsets] : geometry.encodeOffsets;
  return polygons
    .map((rings, p) =>
      rings.map((ring, r) => (encoded ? decodeRing(ring, offsets[p][r]) : gridRing(ring, scale, stats))),
    )
    .filter((rings) => rings.length > 0 && rings[0].length >= 6);
}
