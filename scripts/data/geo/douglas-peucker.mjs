// Douglas-Peucker line simplification on the 1/1024-degree grid, with the tolerance in metres.
//
// Distances are measured in a local equirectangular projection of the line (one cosine of the
// line's mean latitude), which at ~150 m tolerance is exact enough. The first and last points
// are always kept, so two neighbours simplifying the same arc keep meeting at its ends.

const METRES_PER_DEGREE = 111_195; // mean earth radius × π / 180

/**
 * Indexes of the points to keep.
 * @param {ArrayLike<number>} xs grid x (longitude × scale)
 * @param {ArrayLike<number>} ys grid y (latitude × scale)
 * @param {number} toleranceMetres
 * @param {number} scale grid units per degree
 * @returns {number[]} increasing indexes, first and last included
 */
export function douglasPeucker(xs, ys, toleranceMetres, scale) {
  const n = xs.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  let meanY = 0;
  for (let i = 0; i < n; i++) meanY += ys[i];
  const kx = (Math.cos(((meanY / n / scale) * Math.PI) / 180) * METRES_PER_DEGREE) / scale;
  const ky = METRES_PER_DEGREE / scale;
  const tolerance2 = toleranceMetres * toleranceMetres;

  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack = [0, n - 1];
  while (stack.length > 0) {
    const last = stack.pop();
    const first = stack.pop();
    let farthest = -1;
    let farthest2 = tolerance2;
    for (let i = first + 1; i < last; i++) {
      const d2 = segmentDistance2(
        (xs[i] - xs[first]) * kx,
        (ys[i] - ys[first]) * ky,
        (xs[last] - xs[first]) * kx,
        (ys[last] - ys[first]) * ky,
      );
      if (d2 > farthest2) {
        farthest2 = d2;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push(first, farthest, farthest, last);
    }
  }
  const kept = [];
  for (let i = 0; i < n; i++) if (keep[i]) kept.push(i);
  return kept;
}

/** Squared distance from point (px, py) to the segment from the origin to (bx, by). */
function segmentDistance2(px, py, bx, by) {
  const length2 = bx * bx + by * by;
  let t = length2 === 0 ? 0 : (px * bx + py * by) / length2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const dx = px - t * bx;
  const dy = py - t * by;
  return dx * dx + dy * dy;
}
