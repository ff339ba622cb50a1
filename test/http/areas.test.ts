import { expect } from 'chai';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

for (const database of testDatabases()) {
  describe(`areas over HTTP [${database.name}]`, () => {
    let server: TestServer;
    let token: string;
    const get = (path: string, query: Record<string, string> = {}) => server.api.get(path, { token, ...query }, fromMiniProgram(APP1));

    before(async () => {
      server = await startTestServer({}, {}, database);
      ({ token } = await server.api.wxLogin(APP1, 'user'));
    });
    after(async () => server?.close());

    it('gives the three-tier tree by default, with real codes and parents', async () => {
      const answer = await get('/api/user/area/tree');
      expect(answer.body.code).to.equal(0);
      const list = answer.body.data?.['list'] as any[];
      expect(list).to.have.length(31);
      const beijing = list.find((p) => p.area_id === 110000);
      expect(beijing).to.deep.include({ name: '北京市', parent_id: 0 });
      expect(beijing.sub).to.have.length(1);
      expect(beijing.sub[0]).to.deep.include({ area_id: 110100, name: '北京市', parent_id: 110000 });
      expect(beijing.sub[0].sub.find((c: any) => c.area_id === 110101)).to.deep.equal({
        id: beijing.sub[0].sub.find((c: any) => c.area_id === 110101).id,
        area_id: 110101,
        name: '东城区',
        parent_id: 110100,
      });
    });

    it('stops at the tier asked for, with sub only where children exist within it', async () => {
      const provinces = (await get('/api/user/area/tree', { tier: '1' })).body.data?.['list'] as any[];
      expect(provinces).to.have.length(31);
      expect(provinces.every((p) => !('sub' in p))).to.equal(true);
      const cities = (await get('/api/user/area/tree', { tier: '2' })).body.data?.['list'] as any[];
      const sichuan = cities.find((p) => p.area_id === 510000);
      expect(sichuan.sub.map((c: any) => c.area_id)).to.include(510100);
      expect(sichuan.sub.every((c: any) => !('sub' in c))).to.equal(true);
    });

    it('refuses any other tier with 10001', async () => {
      for (const tier of ['0', '4', 'abc', '1.5', '-1']) {
        const answer = await get('/api/user/area/tree', { tier });
        expect(answer.body.code, tier).to.equal(10001);
        expect(answer.body.message).to.contain('tier');
      }
    });

    it('groups cities by pinyin initial after the hot ones', async () => {
      const answer = await get('/api/user/area/cities/withHot');
      expect(answer.body.code).to.equal(0);
      const data = answer.body.data as Record<string, any[]>;
      const keys = Object.keys(data);
      expect(keys[0]).to.equal('热门');
      expect(keys.slice(1)).to.deep.equal([...keys.slice(1)].sort());
      expect(keys.slice(1).every((k) => /^[A-Z]$/.test(k) && data[k]!.length > 0)).to.equal(true);
      expect(data['热门']!.map((c) => c.area_id)).to.deep.equal([
        110100, 510100, 500100, 440100, 330100, 320100, 310100, 440300, 320500, 120100, 420100, 610100,
      ]);
      const letterOf = (name: string) => keys.find((k) => k !== '热门' && data[k]!.some((c) => c.name === name));
      expect(letterOf('重庆市')).to.equal('C');
      expect(letterOf('长沙市')).to.equal('C');
      expect(letterOf('厦门市')).to.equal('X');
      expect(letterOf('北京市')).to.equal('B');
      expect(data['C']!.find((c) => c.name === '重庆市')).to.deep.include({ area_id: 500100, parent_id: 500000 });
      expect(Object.values(data).flat().every((c) => !('sub' in c))).to.equal(true);
    });

    it('locates a point to its province, city and county', async () => {
      const answer = await get('/api/user/area/getByGps', { lng: '116.3975', lat: '39.9087' });
      expect(answer.body).to.deep.equal({
        code: 0,
        message: '请求成功',
        data: { province: '北京市', province_id: 110000, city: '北京市', city_id: 110100, area: '东城区', area_id: 110101 },
      });
      const chengdu = await get('/api/user/area/getByGps', { lng: '104.0486', lat: '30.6466' });
      expect(chengdu.body.data).to.deep.include({ city_id: 510100, area_id: 510107, area: '武侯区' });
    });

    it('converts GPS (WGS84) coordinates when asked', async () => {
      const answer = await get('/api/user/area/getByGps', { lng: '116.3913', lat: '39.9075', coordsys: 'wgs84' });
      expect(answer.body.data?.['area_id']).to.equal(110101);
    });

    it('answers 30001 for a point in the sea', async () => {
      const answer = await get('/api/user/area/getByGps', { lng: '125.0', lat: '30.0' });
      expect(answer.body).to.deep.equal({ code: 30001, message: '无法根据经纬度定位' });
    });

    it('refuses missing or out-of-range coordinates with 10001 naming them', async () => {
      for (const [query, name] of [
        [{ lng: '200', lat: '39' }, 'lng'],
        [{ lng: '116', lat: '91' }, 'lat'],
        [{ lng: '116' }, 'lat'],
        [{ lng: 'abc', lat: '39' }, 'lng'],
        [{ lng: '116', lat: '39', coordsys: 'bd09' }, 'coordsys'],
      ] as const) {
        const answer = await get('/api/user/area/getByGps', query);
        expect(answer.body.code, JSON.stringify(query)).to.equal(10001);
        expect(answer.body.message).to.contain(name);
      }
    });

    it('needs a token', async () => {
      const answer = await server.api.get('/api/user/area/tree', {}, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(10007);
    });
  });
}
