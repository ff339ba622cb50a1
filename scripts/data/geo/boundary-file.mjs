// Writes the county boundary file read by adapters/geo/county-boundary-file.ts.
//
// Layout (all integers little-endian):
//   8 bytes  ASCII magic "CNTYBND1"
//   4 bytes  u32, length H of the header
//   H bytes  UTF-8 JSON header: crs, scale (grid units per degree), counts (areas, polygons,
//            rings, points) so a reader can allocate once, source, tolerance, notes
//   body     unsigned LEB128 varints; signed values ZigZag-encoded first:
//            per polygon: area code, ring count (outer ring first, then holes);
//            per ring: point count, first x and y (absolute), then dx, dy per point.
// Coordinates are GCJ-02 on the 1/1024-degree grid of the source (~100 m): the source itself is
// on that grid, so quantising loses nothing. Rings are open (the first point is not repeated).
// Polygons appear in priority order: where polygons overlap, the first one listed wins.

export const MAGIC = 'CNTYBND1';

/**
 * @param {{ code: number, rings: number[][] }[]} polygons in priority order
 * @param {Record<string, unknown>} meta extra header fields
 * @returns {Buffer}
 */
export function encodeBoundaryFile(polygons, meta) {
  const counts = { areas: new Set(polygons.map((p) => p.code)).size, polygons: polygons.length, rings: 0, points: 0 };
  const bytes = [];
  const uint = (value) => {
    if (!Number.isInteger(value) || value < 0) throw new Error(`not an unsigned integer: ${value}`);
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  const int = (value) => uint(value >= 0 ? value * 2 : -value * 2 - 1);
  for (const { code, rings } of polygons) {
    uint(code);
    uint(rings.length);
    counts.rings += rings.length;
    for (const ring of rings) {
      const n = ring.length / 2;
      counts.points += n;
      uint(n);
      int(ring[0]);
      int(ring[1]);
      for (let i = 2; i < ring.length; i += 2) {
        int(ring[i] - ring[i - 2]);
        int(ring[i + 1] - ring[i - 1]);
      }
    }
  }
  const header = Buffer.from(JSON.stringify({ crs: 'GCJ-02', scale: 1024, counts, ...meta }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([Buffer.from(MAGIC, 'ascii'), length, header, Buffer.from(bytes)]);
}
