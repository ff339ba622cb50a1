// Measures how often the simplified boundaries give the same county as the full-resolution ones,
// on random points drawn inside every area (so small urban districts weigh as much as vast
// rural counties), and lists the pairs of areas whose full-resolution polygons overlap.
import Flatbush from 'flatbush';

/**
 * @param {{ code: number, polygons: number[][][] }[]} full areas at full resolution
 * @param {{ code: number, rings: number[][] }[]} simplified polygons in priority order
 * @param {{ perArea: number, seed: number }} options
 */
export function checkAgreement(full, simplified, { perArea, seed }) {
  const random = mulberry32(seed);
  const fullIndex = indexAreas(full);
  const simpleIndex = indexPolygons(simplified);
  const summary = { points: 0, agree: 0, simplifiedNull: 0, otherArea: 0 };
  const overlapPairs = new Map();
  const missesByArea = new Map();
  for (const area of full) {
    const box = areaBox(area);
    let accepted = 0;
    for (let attempt = 0; attempt < perArea * 50 && accepted < perArea; attempt++) {
      const x = box[0] + random() * (box[2] - box[0]);
      const y = box[1] + random() * (box[3] - box[1]);
      if (!area.polygons.some((rings) => inRings(rings, x, y))) continue;
      accepted++;
      const truth = fullIndex.all(x, y);
      if (truth.length > 1) {
        const key = truth.sort().join(' & ');
        overlapPairs.set(key, (overlapPairs.get(key) ?? 0) + 1);
        continue; // ambiguous at full resolution: not counted
      }
      summary.points++;
      const answer = simpleIndex.first(x, y);
      if (answer === truth[0]) summary.agree++;
      else if (answer === null) summary.simplifiedNull++;
      else summary.otherArea++;
      if (answer !== truth[0]) missesByArea.set(truth[0], (missesByArea.get(truth[0]) ?? 0) + 1);
    }
  }
  summary.agreement = `${((100 * summary.agree) / summary.points).toFixed(3)} %`;
  const overlaps = [...overlapPairs].sort((a, b) => b[1] - a[1]).map(([pair, n]) => `${pair}: ${n} sample points`);
  const worst = [...missesByArea].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([code, n]) => `${code}: ${n}/${perArea}`);
  return { summary, overlaps, worst };
}

function indexAreas(areas) {
  return indexPolygons(areas.flatMap((area) => area.polygons.map((rings) => ({ code: area.code, rings }))));
}

function indexPolygons(polygons) {
  const parts = polygons.map(({ code, rings }, order) => ({ code, order, rings, box: ringBox(rings[0]) }));
  const index = new Flatbush(parts.length);
  for (const { box } of parts) index.add(box[0], box[1], box[2], box[3]);
  index.finish();
  const containing = (x, y) => index.search(x, y, x, y).map((i) => parts[i]).filter((p) => inRings(p.rings, x, y));
  return {
    all: (x, y) => [...new Set(containing(x, y).map((p) => p.code))],
    first: (x, y) => containing(x, y).sort((a, b) => a.order - b.order)[0]?.code ?? null,
  };
}

/** Even-odd rule over all rings of a polygon (holes included). */
function inRings(rings, x, y) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const [xi, yi, xj, yj] = [ring[i], ring[i + 1], ring[j], ring[j + 1]];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function ringBox(ring) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < ring.length; i += 2) {
    box[0] = Math.min(box[0], ring[i]);
    box[1] = Math.min(box[1], ring[i + 1]);
    box[2] = Math.max(box[2], ring[i]);
    box[3] = Math.max(box[3], ring[i + 1]);
  }
  return box;
}

function areaBox(area) {
  const boxes = area.polygons.map((rings) => ringBox(rings[0]));
  return [0, 1, 2, 3].map((k) => (k < 2 ? Math.min : Math.max)(...boxes.map((b) => b[k])));
}

/** A small seeded generator, so two runs sample the same points. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
