import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAreaDataset } from '../../adapters/reference/area-dataset.js';

const PROVINCE = { area_id: 110000, name: '北京市', parent_id: 0, tier: 1, initial: 'B' };
const CITY = { area_id: 110100, name: '北京市', parent_id: 110000, tier: 2, initial: 'B' };
const COUNTY = { area_id: 110101, name: '东城区', parent_id: 110100, tier: 3, initial: 'D' };

describe('loadAreaDataset', () => {
  let dir: string;
  const file = (content: string) => {
    const path = join(dir, `areas-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, content);
    return path;
  };
  const withAreas = (...areas: unknown[]) => file(JSON.stringify({ source: 'test', decisions: [], areas }));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'area-dataset-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('maps a well-formed file to records without a row id', () => {
    expect(loadAreaDataset(withAreas(PROVINCE, CITY, COUNTY))).to.deep.equal([
      { areaId: 110000, name: '北京市', parentId: 0, tier: 1, initial: 'B' },
      { areaId: 110100, name: '北京市', parentId: 110000, tier: 2, initial: 'B' },
      { areaId: 110101, name: '东城区', parentId: 110100, tier: 3, initial: 'D' },
    ]);
  });

  const malformed: Array<[string, () => string]> = [
    ['a missing file', () => join(dir, 'absent.json')],
    ['text that is not JSON', () => file('{"areas": [')],
    ['no areas array', () => file(JSON.stringify({ source: 'test' }))],
    ['an empty areas array', () => withAreas()],
    ['a 4-digit code', () => withAreas(PROVINCE, { ...CITY, area_id: 1101 }, { ...COUNTY, parent_id: 1101 })],
    ['a code given as a string', () => withAreas(PROVINCE, { ...CITY, area_id: '110100' }, COUNTY)],
    ['a missing name', () => withAreas(PROVINCE, { ...CITY, name: undefined }, COUNTY)],
    ['a tier out of range', () => withAreas(PROVINCE, CITY, { ...COUNTY, tier: 4 })],
    ['a lowercase initial', () => withAreas(PROVINCE, CITY, { ...COUNTY, initial: 'd' })],
    ['a duplicate code', () => withAreas(PROVINCE, CITY, COUNTY, COUNTY)],
    ['an absent parent', () => withAreas(PROVINCE, COUNTY)],
    ['a parent two tiers up', () => withAreas(PROVINCE, CITY, { ...COUNTY, parent_id: 110000 })],
    ['a province with a parent', () => withAreas({ ...PROVINCE, parent_id: 120000 }, CITY, COUNTY)],
  ];
  for (const [what, make] of malformed) {
    it(`rejects ${what} with a clear error`, () => {
      const path = make();
      expect(() => loadAreaDataset(path)).to.throw(Error, `malformed area dataset ${path}: `);
    });
  }
});
