import Flatbush from 'flatbush';
import type { CountyPolygons } from './county-boundary-file.js';

/**
 * Finds the county polygon holding a GCJ-02 point: a `flatbush` index over the polygons'
 * bounding boxes gives the candidates, an exact even-odd point-in-polygon test over each
 * candidate's rings (holes included) decides. Where polygons overlap, the first in file order
 * wins (the file lists the smallest first, so an enclave wins over the polygon around it).
 */
export class CountyLocator {
  readonly #polygons: CountyPolygons;
  readonly #index: Flatbush;

  constructor(polygons: CountyPolygons) {
    this.#polygons = polygons;
    const { codes, polygonRings, ringStarts, points } = polygons;
    this.#index = new Flatbush(Math.max(codes.length, 1));
    for (let p = 0; p < codes.length; p++) {
      // The outer ring bounds the polygon: its holes lie inside it.
      const from = ringStarts[polygonRings[p]!]!;
      const to = ringStarts[polygonRings[p]! + 1]!;
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = from; i < to; i++) {
        const x = points[2 * i]!;
        const y = points[2 * i + 1]!;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      this.#index.add(minX, minY, maxX, maxY);
    }
    if (codes.length === 0) this.#index.add(0, 0, 0, 0); // flatbush needs one item; never matched below
    this.#index.finish();
  }

  /** The code of the area holding the point (GCJ-02 degrees), or null. */
  codeAt(lng: number, lat: number): number | null {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    const x = lng * this.#polygons.scale;
    const y = lat * this.#polygons.scale;
    const candidates = this.#index.search(x, y, x, y).sort((a, b) => a - b);
    for (const p of candidates) {
      if (p < this.#polygons.codes.length && this.#contains(p, x, y)) return this.#polygons.codes[p]!;
    }
    return null;
  }

  /** Even-odd rule over every ring of polygon `p`. */
  #contains(p: number, x: number, y: number): boolean {
    const { polygonRings, ringStarts, points } = this.#polygons;
    let inside = false;
    for (let r = polygonRings[p]!; r < polygonRings[p + 1]!; r++) {
      const from = ringStarts[r]!;
      const to = ringStarts[r + 1]!;
      for (let i = from, j = to - 1; i < to; j = i++) {
        const xi = points[2 * i]!;
        const yi = points[2 * i + 1]!;
        const xj = points[2 * j]!;
        const yj = points[2 * j + 1]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  }
}
