// Benchmarks the offline geocoder: load time and memory of the shipped boundary file, and
// microseconds per lookup, against baselines measured in the same run:
// - bbox scan: a linear scan of every polygon's bounding box (no index, no exact test),
// - index only: the flatbush search without the point-in-polygon test.
// Needs the build (`npx tsc -p .`): it imports from dist/.
//
//   node --expose-gc scripts/bench/geocoder-bench.mjs [--points=200000] [--file=resources/geo/counties.bin]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Flatbush from 'flatbush';

const root = new URL('../../', import.meta.url);
const { values: args } = parseArgs({
  options: {
    points: { type: 'string', default: '200000' },
    file: { type: 'string', default: new URL('resources/geo/counties.bin', root).pathname },
  },
});
const { OfflineGeocoder } = await import(new URL('dist/adapters/geo/offline-geocoder.js', root).href);
const { decodeBoundaryFile } = await import(new URL('dist/adapters/geo/county-boundary-file.js', root).href);
const { CountyLocator } = await import(new URL('dist/adapters/geo/county-locator.js', root).href);

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const memory = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers, rss: m.rss };
};

// Load (eager), with the memory it keeps.
const before = memory();
let started = performance.now();
const geocoder = await OfflineGeocoder.load(args.file);
const loadMs = performance.now() - started;
const after = memory();
console.log(`file ${args.file}: ${mb(readFileSync(args.file).length)}`);
console.log(`eager load: ${loadMs.toFixed(0)} ms; kept: heap +${mb(after.heap - before.heap)}, array buffers +${mb(after.buffers - before.buffers)}, rss +${mb(after.rss - before.rss)}${globalThis.gc ? '' : ' (run with --expose-gc for exact figures)'}`);

// Lazy: the first call pays the load.
const lazy = OfflineGeocoder.lazy(args.file);
started = performance.now();
await lazy.locate({ lng: 116.3975, lat: 39.9087 }, 'gcj02');
console.log(`lazy: first call ${(performance.now() - started).toFixed(0)} ms (a second load in a warm process)`);

// Points: uniform in random polygons' boxes (so most fall on land, urban districts as often as vast counties).
const polygons = decodeBoundaryFile(readFileSync(args.file));
const boxes = [];
for (let p = 0; p < polygons.codes.length; p++) {
  const [from, to] = [polygons.ringStarts[polygons.polygonRings[p]], polygons.ringStarts[polygons.polygonRings[p] + 1]];
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = from; i < to; i++) {
    const [x, y] = [polygons.points[2 * i] / 1024, polygons.points[2 * i + 1] / 1024];
    [box[0], box[1], box[2], box[3]] = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  }
  boxes.push(box);
}
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const points = Array.from({ length: Number(args.points) }, () => {
  const b = boxes[Math.floor(random() * boxes.length)];
  return { lng: b[0] + random() * (b[2] - b[0]), lat: b[1] + random() * (b[3] - b[1]) };
});

const index = new Flatbush(boxes.length);
for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
index.finish();

async function time(label, fn) {
  for (let i = 0; i < 20_000; i++) await fn(points[i % points.length]); // warm up
  const t0 = performance.now();
  let found = 0;
  for (const point of points) if ((await fn(point)) !== null) found++;
  const us = ((performance.now() - t0) * 1000) / points.length;
  console.log(`${label.padEnd(36)} ${us.toFixed(2).padStart(7)} µs/lookup  (${((100 * found) / points.length).toFixed(1)} % found)`);
  return us;
}

console.log(`lookups over ${points.length} points:`);
const scan = await time('baseline: bbox scan (no index)', ({ lng, lat }) => {
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    if (lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3]) return polygons.codes[i];
  }
  return null;
});
await time('baseline: flatbush search only', ({ lng, lat }) => (index.search(lng, lat, lng, lat).length > 0 ? 1 : null));
const locator = new CountyLocator(polygons);
await time('CountyLocator.codeAt (sync, gcj02)', ({ lng, lat }) => locator.codeAt(lng, lat));
const gcj = await time('OfflineGeocoder.locate (gcj02)', (p) => geocoder.locate(p, 'gcj02'));
await time('OfflineGeocoder.locate (wgs84)', (p) => geocoder.locate(p, 'wgs84'));
console.log(`locate (gcj02) costs ${(gcj / scan).toFixed(2)} × the bbox scan baseline`);
