/**
 * The county polygons of `resources/geo/counties.bin`, decoded into flat typed arrays (a few
 * tens of MB at most, no object per point). The file is written by
 * `scripts/data/geo/derive-county-boundaries.mjs`; its layout is documented in
 * `scripts/data/geo/boundary-file.mjs`.
 */
export interface CountyPolygons {
  /** Grid units per degree (the file's coordinates are integers: degrees × scale), GCJ-02. */
  readonly scale: number;
  /** Per polygon: the GB/T 2260 code of its area. Polygons are in priority order (first wins). */
  readonly codes: Int32Array;
  /** Per polygon, and one more: index of its first ring in `ringStarts` (outer ring, then holes). */
  readonly polygonRings: Uint32Array;
  /** Per ring, and one more: index of its first point in `points` (rings are open). */
  readonly ringStarts: Uint32Array;
  /** Interleaved x (longitude × scale), y (latitude × scale) of every point. */
  readonly points: Int32Array;
  /** The file's descriptive header (source, tolerance, notes). */
  readonly header: Readonly<Record<string, unknown>>;
}

const MAGIC = 'CNTYBND1';

/** Decodes a county boundary file; throws when it is not one or is truncated. */
export function decodeBoundaryFile(bytes: Uint8Array): CountyPolygons {
  const fail = (why: string): never => {
    throw new Error(`county boundary file: ${why}`);
  };
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) fail('bad magic');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Record<string, unknown>;
  const counts = header.counts as { polygons: number; rings: number; points: number } | undefined;
  if (!counts || typeof header.scale !== 'number' || header.crs !== 'GCJ-02') fail('bad header');
  const { polygons, rings, points: pointCount } = counts!;

  let at = 12 + headerLength;
  const uint = (): number => {
    let value = 0;
    let factor = 1;
    for (;;) {
      if (at >= bytes.length) fail('truncated');
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 0x80;
    }
  };
  const int = (): number => {
    const v = uint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  };

  const codes = new Int32Array(polygons);
  const polygonRings = new Uint32Array(polygons + 1);
  const ringStarts = new Uint32Array(rings + 1);
  const points = new Int32Array(pointCount * 2);
  let ring = 0;
  let point = 0;
  for (let p = 0; p < polygons; p++) {
    codes[p] = uint();
    polygonRings[p] = ring;
    const ringCount = uint();
    for (let r = 0; r < ringCount; r++) {
      if (ring >= rings) fail('more rings than announced');
      ringStarts[ring++] = point;
      const n = uint();
      if (point + n > pointCount) fail('more points than announced');
      let x = int();
      let y = int();
      points[2 * point] = x;
      points[2 * point + 1] = y;
      for (let i = 1; i < n; i++) {
        x += int();
        y += int();
        points[2 * (point + i)] = x;
        points[2 * (point + i) + 1] = y;
      }
      point += n;
    }
  }
  if (ring !== rings || point !== pointCount || at !== bytes.length) fail('counts do not match the body');
  polygonRings[polygons] = ring;
  ringStarts[rings] = point;
  return { scale: header.scale as number, codes, polygonRings, ringStarts, points, header };
}
