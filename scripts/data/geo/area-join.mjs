// Joins the package's (2016-17) county features to the current areas tree. Rules, in order:
//
// 1. An explicit decision in join-decisions.mjs (merged, split or renamed units the rules below
//    would miss or get wrong).
// 2. By code: the old code is a current leaf and the names are compatible (same stem once the
//    unit suffix 区/县/市/旗/自治县/… is removed, or one stem extends the other: 蓟县 → 蓟州区,
//    开县 → 开州区). Codes were reused for other places, so a code whose current name is
//    incompatible is not trusted: the feature goes on to the name rules.
// 3. By name within the old city (the first four digits of the old code; for features without a
//    code, the city of the file): one leaf with the same stem, else one compatible leaf
//    (横县 → 横州市, 任县 → 任泽区).
// 4. By name within the province (cities were renumbered: 那曲地区 5424 → 那曲市 5406; counties
//    moved: 简阳 to 成都): one leaf with the same full name, else one with the same stem of at
//    least two characters (generic names such as 城区, 郊区, 矿区 exist in several cities of a
//    province and would match the wrong one).
// 5. Otherwise unmatched, and reported.
//
// Name rules only consider leaves that no code match took. A leaf is a tier-3 area, or a tier-2
// city without tier-3 children (东莞, 仙桃, 儋州, …).
import { clipPolygons } from './half-plane-clip.mjs';
import { FILE_CITY, JOIN_DECISIONS } from './join-decisions.mjs';

const UNIT_SUFFIX = /(自治县|自治旗|林区|特区|区|县|市|旗)$/;

/** The name without its unit suffix: 崇明县 and 崇明区 share the stem 崇明. */
export const stem = (name) => name.replace(UNIT_SUFFIX, '') || name;

function compatible(oldName, currentName) {
  const a = stem(oldName);
  const b = stem(currentName);
  return a === b || a.startsWith(b) || b.startsWith(a);
}

/**
 * @param {import('./source-package.mjs').SourceFeature[]} features
 * @param {{ area_id: number, name: string, parent_id: number, tier: number }[]} areas
 * @returns {{ joined: Map<number, { name: string, parts: { feature: any, polygons: number[][][] }[] }>,
 *   report: { byDecision: Map<string, string[]>, byCode: number, byName: string[], unmatched: string[], merged: string[], leavesWithout: string[] } }}
 */
export function joinToAreas(features, areas) {
  const byId = new Map(areas.map((a) => [a.area_id, a]));
  const hasChildren = new Set(areas.filter((a) => a.tier === 3).map((a) => a.parent_id));
  const leaves = areas.filter((a) => a.tier === 3 || (a.tier === 2 && !hasChildren.has(a.area_id)));
  const leafIds = new Set(leaves.map((a) => a.area_id));
  const report = { byDecision: new Map(), byCode: 0, byName: [], unmatched: [], merged: [], leavesWithout: [] };
  const joined = new Map();
  const add = (leaf, feature, polygons) => {
    const entry = joined.get(leaf.area_id) ?? { name: leaf.name, parts: [] };
    entry.parts.push({ feature, polygons });
    joined.set(leaf.area_id, entry);
  };
  const label = (f) => `${f.code ?? '(no code)'} ${f.name} [${f.file}]`;

  const fileCity = citiesOfFiles(features);
  const claimed = new Set();
  const pending = [];
  for (const feature of features) {
    const decision = JOIN_DECISIONS.find((d) => d.name === feature.name && (d.code === undefined || d.code === feature.code));
    if (decision) {
      for (const { code, when, clip } of decision.to) {
        if (!leafIds.has(code)) throw new Error(`join decision for ${label(feature)}: ${code} is not a current leaf`);
        let polygons = when ? feature.polygons.filter((p) => when(centre(p[0]))) : feature.polygons;
        if (clip) polygons = clipPolygons(polygons, clip);
        add(byId.get(code), feature, polygons);
      }
      const lines = report.byDecision.get(decision.why) ?? [];
      lines.push(`${label(feature)} → ${decision.to.map((t) => `${t.code} ${byId.get(t.code).name}`).join(' + ')}`);
      report.byDecision.set(decision.why, lines);
      continue;
    }
    const byCode = feature.code !== null && leafIds.has(feature.code) ? byId.get(feature.code) : null;
    if (byCode && compatible(feature.name, byCode.name)) {
      add(byCode, feature, feature.polygons);
      claimed.add(byCode.area_id);
      report.byCode++;
    } else pending.push({ feature, byCode });
  }
  // Names only among leaves no code match took: a merger of two old units into one leaf is
  // always an explicit decision, never a name match stealing a namesake (邢台 桥东区 130502
  // is not 张家口 桥东区 130702).
  const free = leaves.filter((a) => !claimed.has(a.area_id));
  const unique = (found) => (found.length === 1 ? found[0] : null);
  for (const { feature, byCode } of pending) {
    const city = feature.code !== null ? String(feature.code).slice(0, 4) : FILE_CITY[feature.file] ?? fileCity.get(feature.file);
    const province = city?.slice(0, 2);
    const s = stem(feature.name);
    const inCity = free.filter((a) => city && String(a.area_id).startsWith(city));
    const inProvince = free.filter((a) => province && String(a.area_id).startsWith(province));
    const byName =
      unique(inCity.filter((a) => stem(a.name) === s)) ??
      unique(inCity.filter((a) => compatible(feature.name, a.name))) ??
      unique(inProvince.filter((a) => a.name === feature.name)) ??
      (s.length >= 2 ? unique(inProvince.filter((a) => stem(a.name) === s)) : null);
    if (byName) {
      add(byName, feature, feature.polygons);
      const why = byCode ? `code now ${byCode.name}` : feature.code === null ? 'no code' : 'code retired';
      report.byName.push(`${label(feature)} → ${byName.area_id} ${byName.name} (${why})`);
    } else report.unmatched.push(label(feature));
  }
  for (const [code, entry] of joined) {
    const sources = new Set(entry.parts.map((p) => p.feature));
    if (sources.size > 1) report.merged.push(`${code} ${entry.name} ← ${[...sources].map((f) => `${f.code ?? ''} ${f.name}`).join(' + ')}`);
  }
  for (const leaf of leaves) if (!joined.has(leaf.area_id)) report.leavesWithout.push(`${leaf.area_id} ${leaf.name}`);
  return { joined, report };
}

/** The city (first four digits) most features of each file have, for features without a code. */
function citiesOfFiles(features) {
  const counts = new Map();
  for (const f of features) {
    if (f.code === null) continue;
    const perFile = counts.get(f.file) ?? new Map();
    const city = String(f.code).slice(0, 4);
    perFile.set(city, (perFile.get(city) ?? 0) + 1);
    counts.set(f.file, perFile);
  }
  return new Map([...counts].map(([file, perFile]) => [file, [...perFile].sort((a, b) => b[1] - a[1])[0][0]]));
}

/** Centre of a ring's bounding box, in degrees (the grid is 1/1024 degree). */
function centre(ring) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < ring.length; i += 2) {
    minX = Math.min(minX, ring[i]);
    maxX = Math.max(maxX, ring[i]);
    minY = Math.min(minY, ring[i + 1]);
    maxY = Math.max(maxY, ring[i + 1]);
  }
  return { lng: (minX + maxX) / 2048, lat: (minY + maxY) / 2048 };
}
