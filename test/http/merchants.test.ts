import { expect } from 'chai';
import { APP1, APP2, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const TIANANMEN = { lng: '116.3975', lat: '39.9087' };

for (const database of testDatabases()) {
  describe(`merchants and categories over HTTP [${database.name}]`, () => {
    let server: TestServer;
    let token: string;
    const get = (path: string, query: Record<string, string> = {}) => server.api.get(path, { token, ...query }, fromMiniProgram(APP1));
    const idOf = async (name: string) => Number((await server.db('merchants').where({ name }).first('id')).id);
    const categoryId = async (name: string) => Number((await server.db('merchant_categories').where({ name }).first('id')).id);
    const names = (answer: { body: { data?: Record<string, any> } }) => (answer.body.data?.['list'] as any[]).map((m) => m.name);

    before(async () => {
      server = await startTestServer({}, {}, database);
      ({ token } = await server.api.wxLogin(APP1, 'user'));
    });
    after(async () => server?.close());

    it('lists enabled categories as a tree', async () => {
      const answer = await get('/api/user/merchant/categories/tree');
      const list = answer.body.data?.['list'] as any[];
      expect(list.map((c) => c.name)).to.deep.equal(['美食', '休闲娱乐', '丽人']);
      expect(list[0]).to.deep.include({ pid: 0, status: 1, icon: '' });
      expect(list[0].sub.map((c: any) => c.name)).to.deep.equal(['火锅', '咖啡', '烧烤']);
      expect(list[0].sub[0]).to.not.have.property('sub');
    });

    it('lists enabled merchants of both opers, newest first, with the seed fields', async () => {
      const answer = await get('/api/user/merchants');
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data?.['total']).to.equal(11);
      const list = answer.body.data?.['list'] as any[];
      expect(list).to.have.length(11);
      expect(list.map((m) => m.name)).to.not.include('停业整顿的火锅店');
      const ids = list.map((m) => m.id);
      expect(ids).to.deep.equal([...ids].sort((a, b) => b - a));
      const shop = list.find((m) => m.name === '老北京涮肉（王府井店）');
      expect(shop).to.deep.include({
        oper_id: 1,
        merchantCategoryName: '火锅',
        brand: '老北京涮肉',
        region: 1,
        province: '北京市',
        province_id: 110000,
        city: '北京市',
        city_id: 110100,
        area: '东城区',
        area_id: 110101,
        lng: 116.4109,
        lat: 39.9149,
        status: 1,
        lowestAmount: '39.00',
        isOperSelf: 1,
      });
      expect(shop.business_time).to.deep.equal(['10:30:00', '22:00:00']);
      expect(shop).to.not.have.property('distance');
      expect(list.find((m) => m.oper_id === 2).isOperSelf).to.equal(0);
    });

    it('sees isOperSelf from the token’s mini program', async () => {
      const other = await server.api.wxLogin(APP2, 'user');
      const answer = await server.api.get('/api/user/merchants', { token: other.token, city_id: '510100' }, fromMiniProgram(APP2));
      expect((answer.body.data?.['list'] as any[]).every((m) => m.oper_id === 2 && m.isOperSelf === 1)).to.equal(true);
    });

    it('filters by city, category (with its children) and keyword, combined', async () => {
      expect(names(await get('/api/user/merchants', { city_id: '110100' })).sort()).to.deep.equal(
        ['三里屯咖啡研究所', '中关村欢唱KTV', '老北京涮肉（王府井店）'].sort(),
      );
      const food = await get('/api/user/merchants', { merchant_category_id: String(await categoryId('美食')) });
      expect(food.body.data?.['total']).to.equal(7);
      expect(names(await get('/api/user/merchants', { keyword: '咖啡' })).sort()).to.deep.equal(
        ['三里屯咖啡研究所', '南山科技园咖啡', '西湖边的咖啡馆'].sort(),
      );
      expect(names(await get('/api/user/merchants', { keyword: 'KTV', city_id: '610100' }))).to.deep.equal(['大雁塔欢唱KTV']);
      expect(names(await get('/api/user/merchants', { keyword: '火锅', merchant_category_id: String(await categoryId('咖啡')) }))).to.deep.equal([]);
    });

    it('matches hostile keywords literally', async () => {
      for (const keyword of ['%', '_', '%%', "' OR 1=1 --", '"; DROP TABLE merchants; --', '\\', '咖啡%', 'a'.repeat(50)]) {
        const answer = await get('/api/user/merchants', { keyword });
        expect(answer.body.code, keyword).to.equal(0);
        expect(answer.body.data?.['total'], keyword).to.equal(0);
      }
      expect(await server.db('merchants').count({ n: '*' })).to.deep.equal([{ n: 12 }]);
    });

    it('finds merchants within a radius, nearest first, with distances in metres', async () => {
      const near = await get('/api/user/merchants', { ...TIANANMEN, radius: '5000' });
      expect(names(near)).to.deep.equal(['老北京涮肉（王府井店）']);
      const wider = await get('/api/user/merchants', { ...TIANANMEN, radius: '10000' });
      const list = wider.body.data?.['list'] as any[];
      expect(list.map((m) => m.name)).to.deep.equal(['老北京涮肉（王府井店）', '三里屯咖啡研究所']);
      expect(list[0].distance).to.be.a('number').within(1000, 1400);
      expect(list[1].distance).to.be.within(5000, 6500);
      expect(wider.body.data?.['total']).to.equal(2);
    });

    it('gives every merchant a distance with a location but no radius, still newest first', async () => {
      const list = (await get('/api/user/merchants', TIANANMEN)).body.data?.['list'] as any[];
      expect(list).to.have.length(11);
      expect(list.every((m) => Number.isInteger(m.distance))).to.equal(true);
    });

    it('refuses a radius without a location with 10001 naming it', async () => {
      for (const query of [{ radius: '1000' }, { radius: '1000', lng: '116.39' }, { radius: '1000', lat: '39.9' }] as Record<string, string>[]) {
        const answer = await get('/api/user/merchants', query);
        expect(answer.body.code, JSON.stringify(query)).to.equal(10001);
        expect(answer.body.message, JSON.stringify(query)).to.contain('radius');
      }
    });

    it('pages with total', async () => {
      const pages = await Promise.all(['1', '2', '3'].map((page) => get('/api/user/merchants', { page, page_size: '5' })));
      expect(pages.map((p) => (p.body.data?.['list'] as any[]).length)).to.deep.equal([5, 5, 1]);
      expect(pages.every((p) => p.body.data?.['total'] === 11)).to.equal(true);
      const all = pages.flatMap((p) => (p.body.data?.['list'] as any[]).map((m) => m.id));
      expect(new Set(all).size).to.equal(11);
      expect((await get('/api/user/merchants', { page: '9' })).body.data).to.deep.equal({ total: 11, list: [] });
    });

    it('refuses bad filters with 10001 naming them', async () => {
      for (const [query, name] of [
        [{ page_size: '1000' }, 'page_size'],
        [{ page_size: '0' }, 'page_size'],
        [{ page: '0' }, 'page'],
        [{ ...TIANANMEN, radius: '0' }, 'radius'],
        [{ ...TIANANMEN, radius: 'abc' }, 'radius'],
        [{ ...TIANANMEN, radius: '50001' }, 'radius'],
        [{ lng: '200', lat: '39' }, 'lng'],
        [{ lng: '116' }, 'lng'],
        [{ city_id: 'beijing' }, 'city_id'],
        [{ merchant_category_id: '-1' }, 'merchant_category_id'],
        [{ keyword: 'x'.repeat(51) }, 'keyword'],
      ] as const) {
        const answer = await get('/api/user/merchants', query);
        expect(answer.body.code, JSON.stringify(query)).to.equal(10001);
        expect(answer.body.message, JSON.stringify(query)).to.contain(name);
      }
    });

    it('shows one merchant in detail, with distance when located', async () => {
      const id = await idOf('蜀九香火锅（武侯祠店）');
      const answer = await get('/api/user/merchant/detail', { id: String(id), lng: '104.0486', lat: '30.6466' });
      expect(answer.body.data).to.deep.include({ id, name: '蜀九香火锅（武侯祠店）', oper_id: 2, isOperSelf: 0, distance: 0, lowestAmount: '85.00' });
    });

    it('answers 40001 for a disabled or missing merchant', async () => {
      for (const id of [await idOf('停业整顿的火锅店'), 999_999]) {
        const answer = await get('/api/user/merchant/detail', { id: String(id) });
        expect(answer.body).to.deep.equal({ code: 40001, message: '商家不存在或已禁用' });
      }
      expect((await get('/api/user/merchant/detail', { id: 'abc' })).body.code).to.equal(10001);
      expect((await get('/api/user/merchant/detail')).body.code).to.equal(10001);
    });
  });
}
