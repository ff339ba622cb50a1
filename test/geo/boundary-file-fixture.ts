/**
 * Writes a county boundary file from the layout documented in scripts/data/geo/boundary-file.mjs
 * (independently of that writer), for tests that need small hand-made polygons.
 */
export interface FixturePolygon {
  readonly code: number;
  /** Rings of [lng, lat] pairs in degrees (outer ring first), on the 1/1024-degree grid. */
  readonly rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

export function boundaryFile(polygons: readonly FixturePolygon[], header: Record<string, unknown> = {}): Uint8Array {
  const body: number[] = [];
  const uint = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      body.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    body.push(v);
  };
  const int = (value: number) => uint(value >= 0 ? value * 2 : -value * 2 - 1);
  let rings = 0;
  let points = 0;
  for (const polygon of polygons) {
    uint(polygon.code);
    uint(polygon.rings.length);
    for (const ring of polygon.rings) {
      rings++;
      points += ring.length;
      uint(ring.length);
      let [px, py] = [0, 0];
      ring.forEach(([lng, lat], i) => {
        const [x, y] = [Math.round(lng * 1024), Math.round(lat * 1024)];
        if (i === 0) [px, py] = [x, y];
        int(i === 0 ? x : x - px);
        int(i === 0 ? y : y - py);
        [px, py] = [x, y];
      });
    }
  }
  const json = new TextEncoder().encode(
    JSON.stringify({ crs: 'GCJ-02', scale: 1024, counts: { areas: new Set(polygons.map((p) => p.code)).size, polygons: polygons.length, rings, points }, ...header }),
  );
  const out = new Uint8Array(12 + json.length + body.length);
  out.set(new TextEncoder().encode('CNTYBND1'), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(body, 12 + json.length);
  return out;
}

/** An axis-aligned square ring from (minLng, minLat) to (maxLng, maxLat). */
export function square(minLng: number, minLat: number, maxLng: number, maxLat: number): Array<[number, number]> {
  return [
    [minLng, minLat],
    [maxLng, minLat],
    [maxLng, maxLat],
    [minLng, maxLat],
  ];
}
