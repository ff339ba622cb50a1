import { expect } from 'chai';
import { loadAreaDataset, type AreaRecord } from '../../adapters/reference/area-dataset.js';
import { DEFAULT_HOT_CITY_IDS } from '../../adapters/reference/hot-cities.js';

/** The committed `resources/areas.json`, read through the production loader and default path. */
describe('resources/areas.json (the committed administrative tree)', () => {
  let areas: AreaRecord[];
  let byId: Map<number, AreaRecord>;
  const area = (id: number) => byId.get(id);
  const childrenOf = (id: number) => areas.filter((a) => a.parentId === id);

  before(() => {
    areas = loadAreaDataset();
    byId = new Map(areas.map((a) => [a.areaId, a]));
  });

  it('has unique 6-digit codes, sorted', () => {
    expect(byId.size).to.equal(areas.length);
    for (const a of areas) expect(String(a.areaId)).to.match(/^[1-9]\d{5}$/);
    expect(areas.map((a) => a.areaId)).to.deep.equal([...areas.map((a) => a.areaId)].sort((x, y) => x - y));
  });

  it('hangs every area under an existing parent one tier up, provinces under 0', () => {
    for (const a of areas) {
      if (a.tier === 1) expect(a.parentId, a.name).to.equal(0);
      else expect(area(a.parentId)?.tier, `${a.areaId} ${a.name}`).to.equal(a.tier - 1);
    }
  });

  it('has 31 provinces and the expected scale of cities and counties', () => {
    const count = (tier: number) => areas.filter((a) => a.tier === tier).length;
    expect(count(1)).to.equal(31);
    expect(count(2)).to.be.within(330, 380);
    expect(count(3)).to.be.within(2700, 2900);
  });

  it('gives each municipality one city XX0100 named as it, holding all its districts and counties', () => {
    const municipalities = { 110000: '北京市', 120000: '天津市', 310000: '上海市', 500000: '重庆市' };
    for (const [provinceId, name] of Object.entries(municipalities)) {
      const cities = childrenOf(Number(provinceId));
      expect(cities.map((c) => [c.areaId, c.name])).to.deep.equal([[Number(provinceId) + 100, name]]);
      const underProvince = areas.filter((a) => a.tier === 3 && Math.floor(a.areaId / 10000) === Number(provinceId) / 10000);
      expect(underProvince.length).to.be.greaterThan(10);
      for (const county of underProvince) expect(county.parentId, county.name).to.equal(Number(provinceId) + 100);
    }
    expect(area(110101)).to.include({ name: '东城区', parentId: 110100, tier: 3 });
    expect(area(500101)).to.include({ name: '万州区', parentId: 500100, tier: 3 });
    expect(area(500229)).to.include({ name: '城口县', parentId: 500100, tier: 3 });
    expect(area(500243)).to.include({ parentId: 500100, tier: 3 });
  });

  it('leaves out statistics-only zones (7x in the 5th-6th digits) and placeholder names', () => {
    expect(areas.filter((a) => Math.floor((a.areaId % 100) / 10) === 7).map((a) => a.name)).to.deep.equal([]);
    const placeholders = ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'];
    expect(areas.filter((a) => placeholders.includes(a.name))).to.deep.equal([]);
    expect(area(130171)).to.equal(undefined);
  });

  it('makes province-run county-level units cities directly under their province', () => {
    expect(area(429004)).to.deep.equal({ areaId: 429004, name: '仙桃市', parentId: 420000, tier: 2, initial: 'X' });
    expect(area(419001)).to.include({ name: '济源市', parentId: 410000, tier: 2 });
    expect(area(469021)).to.include({ name: '定安县', parentId: 460000, tier: 2 });
    expect(area(659001)).to.include({ name: '石河子市', parentId: 650000, tier: 2 });
    for (const placeholder of [419000, 429000, 469000, 659000]) expect(area(placeholder)).to.equal(undefined);
  });

  it('keeps prefecture cities without counties as childless cities', () => {
    for (const id of [441900, 442000, 460400, 620200]) {
      expect(area(id)?.tier).to.equal(2);
      expect(childrenOf(id)).to.deep.equal([]);
    }
  });

  it('has well-known districts under the right cities', () => {
    const known: Array<[number, string, number]> = [
      [310115, '浦东新区', 310100], [440106, '天河区', 440100], [440305, '南山区', 440300],
      [510107, '武侯区', 510100], [330106, '西湖区', 330100], [610113, '雁塔区', 610100],
    ];
    for (const [id, name, parentId] of known) expect(area(id)).to.include({ name, parentId, tier: 3 });
  });

  it('resolves heteronyms in initials', () => {
    const expected: Array<[number, string]> = [
      [500100, 'C'], [430100, 'C'], [220100, 'C'], [350200, 'X'], [341500, 'L'], [340300, 'B'], [341600, 'B'],
      [330800, 'Q'], [510500, 'L'], [411100, 'L'], [410900, 'P'], [460400, 'D'], [331000, 'T'], [331100, 'L'],
      [140400, 'C'], [371122, 'J'], [341021, 'S'], [130726, 'Y'], [371722, 'S'], [361124, 'Y'], [330382, 'Y'],
    ];
    expect(expected.map(([id]) => [id, area(id)?.initial])).to.deep.equal(expected);
  });

  it('gives every city an initial A-Z', () => {
    for (const city of areas.filter((a) => a.tier === 2)) expect(city.initial, city.name).to.match(/^[A-Z]$/);
  });

  it('contains every default hot city as a city', () => {
    for (const id of DEFAULT_HOT_CITY_IDS) expect(area(id)?.tier, String(id)).to.equal(2);
  });
});
