import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { OfflineGeocoder } from '../../adapters/geo/offline-geocoder.js';
import { caught } from '../adapters/support/caught.js';
import { boundaryFile, square } from './boundary-file-fixture.js';

describe('OfflineGeocoder on the shipped county boundaries', () => {
  let geocoder: OfflineGeocoder;
  before(async () => {
    geocoder = await OfflineGeocoder.load();
  });

  // GCJ-02 points, as Chinese maps and wx.getLocation({type: 'gcj02'}) give them.
  for (const [place, lng, lat, code] of [
    ['Tiananmen → 东城区', 116.3975, 39.9087, 110101],
    ['Lujiazui → 浦东新区', 121.5055, 31.2397, 310115],
    ['Tianhe, Guangzhou → 天河区', 113.327, 23.1322, 440106],
    ['Nanshan, Shenzhen → 南山区', 113.953, 22.5405, 440305],
    ['Wuhou, Chengdu → 武侯区', 104.0486, 30.6466, 510107],
    ['West Lake, Hangzhou → 西湖区', 120.1485, 30.259, 330106],
    ['Big Wild Goose Pagoda, Xi’an → 雁塔区', 108.964, 34.2196, 610113],
    ['城口县城, 重庆 (a municipality’s county)', 108.6646, 31.948, 500229],
    ['东莞 (a city without counties)', 113.7518, 23.0205, 441900],
    ['仙桃 (a province-run county-level city)', 113.4539, 30.3627, 429004],
    ['蓟州区 (the patched polygon)', 117.4081, 40.0457, 120119],
    ['崇明区 (an old county renamed and renumbered)', 121.4, 31.62, 310151],
  ] as const) {
    it(`puts ${place}`, async () => {
      expect(await geocoder.locate({ lng, lat }, 'gcj02')).to.equal(code);
    });
  }

  it('converts a GPS (WGS84) point first: Tiananmen from wx.getLocation’s default', async () => {
    expect(await geocoder.locate({ lng: 116.3913, lat: 39.9075 }, 'wgs84')).to.equal(110101);
  });

  it('answers null at sea, at (0, 0), and outside the mainland tree', async () => {
    expect(await geocoder.locate({ lng: 125.0, lat: 30.0 }, 'gcj02')).to.equal(null);
    expect(await geocoder.locate({ lng: 0, lat: 0 }, 'gcj02')).to.equal(null);
    expect(await geocoder.locate({ lng: 0, lat: 0 }, 'wgs84')).to.equal(null);
    expect(await geocoder.locate({ lng: 114.1694, lat: 22.3193 }, 'gcj02')).to.equal(null); // Hong Kong
  });
});

describe('OfflineGeocoder loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'offline-geocoder-'));
  const file = join(dir, 'counties.bin');
  const missing = join(dir, 'missing.bin');
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(() => writeFileSync(file, boundaryFile([{ code: 110101, rings: [square(116, 39, 117, 40)] }])));

  it('load() reads the file before resolving', async () => {
    const geocoder = await OfflineGeocoder.load(file);
    expect(geocoder.loaded).to.equal(true);
    expect(await geocoder.locate({ lng: 116.5, lat: 39.5 }, 'gcj02')).to.equal(110101);
  });

  it('load() rejects when the file is missing or broken', async () => {
    expect(await caught(OfflineGeocoder.load(missing))).to.have.property('code', 'ENOENT');
    writeFileSync(join(dir, 'broken.bin'), 'not a boundary file');
    expect(String(await caught(OfflineGeocoder.load(join(dir, 'broken.bin'))))).to.match(/bad magic/);
  });

  it('lazy() reads the file on the first call only', async () => {
    const geocoder = OfflineGeocoder.lazy(file);
    expect(geocoder.loaded).to.equal(false);
    const answers = await Promise.all([geocoder.locate({ lng: 116.5, lat: 39.5 }, 'gcj02'), geocoder.locate({ lng: 118, lat: 39.5 }, 'gcj02')]);
    expect(answers).to.deep.equal([110101, null]);
    expect(geocoder.loaded).to.equal(true);
  });

  it('lazy() fails the call when the file is missing, and tries again on the next call', async () => {
    const geocoder = OfflineGeocoder.lazy(missing);
    expect(await caught(geocoder.locate({ lng: 116.5, lat: 39.5 }, 'gcj02'))).to.have.property('code', 'ENOENT');
    writeFileSync(missing, boundaryFile([{ code: 120101, rings: [square(116, 39, 117, 40)] }]));
    expect(await geocoder.locate({ lng: 116.5, lat: 39.5 }, 'gcj02')).to.equal(120101);
  });
});
