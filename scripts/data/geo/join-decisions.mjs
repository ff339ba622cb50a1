// Explicit join decisions: the package's units that neither their code nor their name places in
// the current tree (found by the join report), and the splits. Each says where the polygon goes
// and why. Where an old unit was split between several current ones, the polygon goes whole to
// the one that took most of its territory: the other current unit then has no polygon of its
// own (listed as a limitation in the report).

/**
 * Source outlines written after every other polygon (`file:name` → why): where they overlap a
 * neighbour, the neighbour wins. Everything else is written smallest first (an enclave that is a
 * separate part wins over the polygon around it).
 */
export const WRITTEN_LAST = new Map([
  ['tianjin.geojson:蓟州区', 'the fix from tianjin-fix/ is a rough outline (0.2-1.7 km off the package’s borders), enlarged by 10 % to fill the hole its neighbours leave'],
  [
    'shanghai.geojson:崇明区',
    'a coarse outline (73 points for the whole island) that also covers 启隆 (启东) and 海永 (海门), the Jiangsu towns on the island’s north shore, which the detailed Jiangsu polygons hold (~56 and ~16 km² of overlap)',
  ],
]);

/** Files whose features carry no code: the city their names are looked up in. */
export const FILE_CITY = {
  'he2_bei3_cang1_zhou1.geojson': '1309', // 沧州: the file added in 0.0.9 has names only
};

/**
 * @typedef {object} JoinDecision
 * @property {number} [code] the old code (absent: any feature of that name)
 * @property {string} name the old name, as in the package
 * @property {{ code: number, when?: (centre: { lng: number, lat: number }) => boolean, clip?: { minLng?: number, maxLng?: number } }[]} to
 *   current leaves; `when` splits a multipolygon by the centre of each part, `clip` cuts along a meridian
 * @property {string} why
 */

/** @type {JoinDecision[]} */
export const JOIN_DECISIONS = [
  ...merged('安徽 芜湖 2020: 三山区 and 弋江区 became the new 弋江区', [340208, '三山区', 340209]),
  ...merged('安徽 芜湖 2020: 芜湖县 became 湾沚区', [340221, '芜湖县', 340210]),
  ...merged('福建 三明 2021: 梅列区 and 三元区 became the new 三元区', [350402, '梅列区', 350404]),
  ...merged(
    '河北 邢台 2020: 桥东区 (+ eastern 邢台县) became 襄都区 (reusing code 130502), 桥西区 (+ most of 邢台县) 信都区 (130503); 邢台县 goes whole to 信都区',
    [130502, '桥东区', 130502],
    [130503, '桥西区', 130503],
    [130521, '邢台县', 130503],
  ),
  ...merged('河南 洛阳 2021: 吉利区 joined 孟津区', [410306, '吉利区', 410308]),
  ...merged(
    '黑龙江 伊春 2019: 15 districts became 4 districts and 4 counties (伊美 = 伊春 + 美溪 + part of 乌马河; 乌翠 = 翠峦 + rest of 乌马河; 金林 = 西林 + 金山屯; 友好 = 友好 + 上甘岭; 汤旺县 = 汤旺河 + 乌伊岭; 丰林县 = 新青 + 红星 + 五营; 大箐山县 = 带岭; 南岔区 → 南岔县)',
    [230702, '伊春区', 230717],
    [230708, '美溪区', 230717],
    [230711, '乌马河区', 230718],
    [230706, '翠峦区', 230718],
    [230705, '西林区', 230751],
    [230709, '金山屯区', 230751],
    [230716, '上甘岭区', 230719],
    [230712, '汤旺河区', 230723],
    [230714, '乌伊岭区', 230723],
    [230707, '新青区', 230724],
    [230715, '红星区', 230724],
    [230710, '五营区', 230724],
    [230713, '带岭区', 230725],
  ),
  ...merged('湖南 株洲 2018: 株洲县 became 渌口区', [430221, '株洲县', 430212]),
  ...merged('江苏 南通 2020: 港闸区 joined 崇川区', [320611, '港闸区', 320613]),
  ...merged('江西 九江 2017: 九江县 became 柴桑区', [360421, '九江县', 360404]),
  ...merged('江西 南昌 2019: 湾里区 joined 新建区 (红谷滩区, split from 新建 the same year, has no polygon)', [360105, '湾里区', 360112]),
  ...merged('江西 上饶 2019: 上饶县 became 广信区', [361121, '上饶县', 361104]),
  ...merged('山东 2019: 莱芜市 joined 济南; 莱城区 became 莱芜区', [371202, '莱城区', 370116]),
  ...merged('山东 烟台 2020: 长岛县 joined 蓬莱区 (长岛 is now a statistics-only zone, not in the tree)', [370634, '长岛县', 370614]),
  ...merged(
    '山西 长治 2018: 城区 and 郊区 became 潞州区, 长治县 上党区',
    [140402, '城区', 140403],
    [140411, '郊区', 140403],
    [140421, '长治县', 140404],
  ),
  ...merged(
    '山西 大同 2018: 城区 became 平城区 (with part of 南郊区), 矿区 and most of 南郊区 云冈区, 大同县 云州区',
    [140202, '城区', 140213],
    [140203, '矿区', 140214],
    [140211, '南郊区', 140214],
    [140227, '大同县', 140215],
  ),
  ...merged('四川 宜宾 2018: 宜宾县 became 叙州区', [511521, '宜宾县', 511504]),
  ...merged('西藏 2017: 那曲地区 became 那曲市; 那曲县 became 色尼区', [542421, '那曲县', 540602]),
  ...merged(
    '浙江 杭州 2021: 上城 + 江干 became 上城区, 下城 + 拱墅 拱墅区 (钱塘区, from parts of 江干 and 萧山, and 临平区, from 余杭, have no polygon)',
    [330103, '下城区', 330105],
    [330104, '江干区', 330102],
  ),
  {
    code: 632825,
    name: '海西蒙古族藏族自治州直辖',
    to: [
      { code: 632803, clip: { maxLng: 94 } },
      { code: 632857, clip: { minLng: 94 } },
    ],
    why: '青海 海西 2018: the directly administered zones 茫崖 + 冷湖 became 茫崖市, 大柴旦 stayed an administrative committee; one polygon in the package, split at 94°E (approximate: 冷湖 93.3°E, 大柴旦 95.4°E; the real border is not in the package)',
  },
  {
    code: 460300,
    name: '三沙市',
    to: [
      { code: 460322, when: (c) => c.lat < 12.5 },
      { code: 460321, when: (c) => c.lat >= 12.5 && c.lat < 17.5 && c.lng < 113.3 },
      { code: 460323, when: (c) => c.lat >= 12.5 && !(c.lat < 17.5 && c.lng < 113.3) },
    ],
    why: 'one multipolygon in the package; the tree has 西沙 / 南沙 / 中沙 units: islands south of 12.5°N are 南沙, those west of 113.3°E between 12.5° and 17.5°N are 西沙 (111.2-112.9°E), the rest (Macclesfield Bank, 黄岩岛, 宪法暗沙, 神狐暗沙 and 一统暗沙 near 19°N) 中沙',
  },
];

/**
 * Decisions for old units that went whole into a current leaf.
 * @param {string} why
 * @param {...[number, string, number]} moves [old code, old name, current code]
 * @returns {JoinDecision[]}
 */
function merged(why, ...moves) {
  return moves.map(([code, name, to]) => ({ code, name, to: [{ code: to }], why }));
}
