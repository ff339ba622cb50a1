// Topology-preserving simplification: every border shared by two counties is simplified once,
// so both sides keep exactly the same simplified line (no slivers of "no county" or "two
// counties" along borders, which simplifying each ring on its own would create).
//
// How: the package's polygons share their border vertices exactly (they all sit on the same
// 1/1024-degree grid; ~93 % of the vertices belong to two or more counties). A vertex is a
// junction when the rings through it do not all have the same two neighbours there (where three
// counties meet, where a shared border reaches the coast, where a ring touches itself). Rings are
// cut at junctions into arcs; an arc is identified by its first two vertices in a canonical
// direction (two arcs leaving a junction along the same edge cannot part before the next
// junction), simplified once with Douglas-Peucker and reused, reversed when needed. A ring with
// no junction (an island, an enclave whose outline is its neighbour's hole) starts at its
// smallest vertex in a canonical direction, so an enclave and its hole also stay identical.
import { douglasPeucker } from './douglas-peucker.mjs';

const Y_SPAN = 65_536; // grid y < 2^16 (latitude < 64°): key = x · 2^16 + y is exact

/**
 * @param {{ polygons: number[][][] }[]} features rings as flat [x0, y0, …] grid arrays (closed or not)
 * @param {number} toleranceMetres
 * @param {number} scale grid units per degree
 * @returns {{ features: number[][][][], stats: object }} per input feature, its polygons with rings
 *   open (no repeated first point) and simplified; counts in `stats`
 */
export function simplifySharedBorders(features, toleranceMetres, scale) {
  const stats = { verticesIn: 0, verticesOut: 0, arcs: 0, arcsReused: 0, ringsDropped: 0, ringsKeptRaw: 0 };
  const opened = features.map((f) => f.polygons.map((rings) => rings.map(openRing).filter((r) => r.length >= 6)));
  for (const polygons of opened) for (const rings of polygons) for (const r of rings) stats.verticesIn += r.length / 2;
  const junctions = findJunctions(opened);
  const arcCache = new Map();

  const simplifyArc = (ring, from, to) => {
    const m = ring.length / 2;
    const idx = (k) => (from + k) % m;
    const length = ((to - from + m) % m || m) + 1;
    const key = (k) => pointKey(ring, idx(k));
    const forward = key(0) < key(length - 1) || (key(0) === key(length - 1) && key(1) <= key(length - 2));
    const order = forward ? (k) => idx(k) : (k) => idx(length - 1 - k);
    const cacheKey = `${key(forward ? 0 : length - 1)}:${key(forward ? 1 : length - 2)}`;
    let simplified = arcCache.get(cacheKey);
    if (simplified) stats.arcsReused++;
    else {
      const xs = new Array(length);
      const ys = new Array(length);
      for (let k = 0; k < length; k++) [xs[k], ys[k]] = [ring[2 * order(k)], ring[2 * order(k) + 1]];
      simplified = douglasPeucker(xs, ys, toleranceMetres, scale).flatMap((k) => [xs[k], ys[k]]);
      arcCache.set(cacheKey, simplified);
      stats.arcs++;
    }
    return forward ? simplified : reversePoints(simplified);
  };

  const simplifyRing = (ring) => {
    const m = ring.length / 2;
    const cuts = [];
    for (let i = 0; i < m; i++) if (junctions.has(pointKey(ring, i))) cuts.push(i);
    if (cuts.length === 0) return simplifyLoop(ring, toleranceMetres, scale);
    const out = [];
    cuts.forEach((from, c) => {
      const arc = simplifyArc(ring, from, cuts[(c + 1) % cuts.length]);
      for (let k = 0; k < arc.length - 2; k++) out.push(arc[k]); // drop the arc's last point: the next arc starts there
    });
    return out;
  };

  const result = opened.map((polygons) => {
    const kept = [];
    for (const rings of polygons) {
      const simplified = [];
      for (const [r, ring] of rings.entries()) {
        let s = simplifyRing(ring);
        if (distinctPoints(s) < 3 || Math.abs(ringArea(s)) === 0) {
          if (Math.abs(ringAreaSquareMetres(ring, scale)) < toleranceMetres * toleranceMetres * 4) {
            stats.ringsDropped++;
            if (r === 0) break; // an outer ring gone takes its holes with it
            continue;
          }
          stats.ringsKeptRaw++;
          s = ring;
        }
        simplified.push(s);
      }
      if (simplified.length > 0) kept.push(simplified);
    }
    return kept.length > 0 ? kept : polygons; // never lose a whole county to simplification
  });
  for (const polygons of result) for (const rings of polygons) for (const r of rings) stats.verticesOut += r.length / 2;
  return { features: result, stats };
}

/** Flat ring without the closing point and without consecutive duplicates. */
function openRing(ring) {
  const out = [];
  for (let i = 0; i < ring.length; i += 2) {
    const n = out.length;
    if (n >= 2 && out[n - 2] === ring[i] && out[n - 1] === ring[i + 1]) continue;
    out.push(ring[i], ring[i + 1]);
  }
  while (out.length >= 4 && out[0] === out[out.length - 2] && out[1] === out[out.length - 1]) out.length -= 2;
  return out;
}

function pointKey(ring, i) {
  return ring[2 * i] * Y_SPAN + ring[2 * i + 1];
}

/** Keys of the junction vertices of all rings (see the file comment). */
function findJunctions(opened) {
  const neighbours = new Map(); // key → [prevKey, nextKey] of the first ring through it
  const junctions = new Set();
  for (const polygons of opened)
    for (const rings of polygons)
      for (const ring of rings) {
        const m = ring.length / 2;
        for (let i = 0; i < m; i++) {
          const k = pointKey(ring, i);
          if (junctions.has(k)) continue;
          const prev = pointKey(ring, (i + m - 1) % m);
          const next = pointKey(ring, (i + 1) % m);
          const seen = neighbours.get(k);
          if (!seen) neighbours.set(k, [prev, next]);
          else if (!((seen[0] === prev && seen[1] === next) || (seen[0] === next && seen[1] === prev))) junctions.add(k);
        }
      }
  return junctions;
}

/** A ring without junctions: canonical start and direction, then two halves split at its farthest point. */
function simplifyLoop(ring, toleranceMetres, scale) {
  const m = ring.length / 2;
  let start = 0;
  for (let i = 1; i < m; i++) if (pointKey(ring, i) < pointKey(ring, start)) start = i;
  const forward = pointKey(ring, (start + 1) % m) <= pointKey(ring, (start + m - 1) % m);
  const at = (k) => (forward ? (start + k) % m : (start - k + m) % m);
  const xs = [];
  const ys = [];
  for (let k = 0; k <= m; k++) [xs[k], ys[k]] = [ring[2 * at(k % m)], ring[2 * at(k % m) + 1]];
  let far = 1;
  for (let k = 1; k < m; k++) if (dist2(xs, ys, 0, k) > dist2(xs, ys, 0, far)) far = k;
  const first = douglasPeucker(xs.slice(0, far + 1), ys.slice(0, far + 1), toleranceMetres, scale);
  const second = douglasPeucker(xs.slice(far), ys.slice(far), toleranceMetres, scale).map((k) => k + far);
  const kept = [...first, ...second.slice(1, -1)];
  return kept.flatMap((k) => [xs[k], ys[k]]);
}

function dist2(xs, ys, a, b) {
  return (xs[a] - xs[b]) ** 2 + (ys[a] - ys[b]) ** 2;
}

function reversePoints(flat) {
  const out = new Array(flat.length);
  for (let i = 0, j = flat.length - 2; i < flat.length; i += 2, j -= 2) [out[i], out[i + 1]] = [flat[j], flat[j + 1]];
  return out;
}

function distinctPoints(ring) {
  return new Set(Array.from({ length: ring.length / 2 }, (_, i) => pointKey(ring, i))).size;
}

/** Signed shoelace area in grid units². */
export function ringArea(ring) {
  let area = 0;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) area += ring[j] * ring[i + 1] - ring[i] * ring[j + 1];
  return area / 2;
}

function ringAreaSquareMetres(ring, scale) {
  const lat = (ring[1] / scale) * (Math.PI / 180);
  const unit = 111_195 / scale;
  return ringArea(ring) * unit * unit * Math.cos(lat);
}
