// Clips polygons to one side of a meridian (Sutherland-Hodgman against a vertical line), for
// the join decisions that split one old unit between two current ones along a longitude.
// Concave rings may come out with zero-width bridges along the line; the even-odd point-in-
// polygon test ignores them.

/**
 * @param {number[][][]} polygons grid rings (flat [x0, y0, …], open), 1/1024 degree
 * @param {{ minLng?: number, maxLng?: number }} clip keep the side east of minLng or west of maxLng
 * @returns {number[][][]}
 */
export function clipPolygons(polygons, clip) {
  const east = clip.minLng !== undefined;
  const line = (east ? clip.minLng : clip.maxLng) * 1024;
  const inside = (x) => (east ? x >= line : x <= line);
  return polygons.flatMap(([outer, ...holes]) => {
    const clipped = clipRing(outer, line, inside);
    if (clipped.length < 6) return [];
    return [[clipped, ...holes.map((h) => clipRing(h, line, inside)).filter((h) => h.length >= 6)]];
  });
}

function clipRing(ring, line, inside) {
  const out = [];
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = [ring[2 * ((i + n - 1) % n)], ring[2 * ((i + n - 1) % n) + 1]];
    const [bx, by] = [ring[2 * i], ring[2 * i + 1]];
    if (inside(bx)) {
      if (!inside(ax)) out.push(line, Math.round(ay + ((line - ax) * (by - ay)) / (bx - ax)));
      out.push(bx, by);
    } else if (inside(ax)) out.push(line, Math.round(ay + ((line - ax) * (by - ay)) / (bx - ax)));
  }
  return out;
}
