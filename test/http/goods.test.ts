import { expect } from 'chai';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

for (const database of testDatabases()) {
  describe(`goods over HTTP [${database.name}]`, () => {
    let server: TestServer;
    let token: string;
    const get = (path: string, query: Record<string, string> = {}) => server.api.get(path, { token, ...query }, fromMiniProgram(APP1));
    const merchantId = async (name: string) => String((await server.db('merchants').where({ name }).first('id')).id);
    const goodsId = async (name: string) => String((await server.db('goods').where({ name }).first('id')).id);

    before(async () => {
      server = await startTestServer({}, {}, database);
      ({ token } = await server.api.wxLogin(APP1, 'user'));
    });
    after(async () => server?.close());

    it('lists the on-shelf goods of a merchant, money as strings and pic_list as an array', async () => {
      const answer = await get('/api/user/goods', { merchant_id: await merchantId('老北京涮肉（王府井店）') });
      expect(answer.body.code).to.equal(0);
      const list = answer.body.data?.['list'] as any[];
      expect(list.map((g) => g.name)).to.deep.equal(['双人涮肉套餐', '100元代金券', '限量特价单人餐']);
      expect(list[0]).to.deep.include({ oper_id: 1, market_price: '268.00', price: '168.00', status: 1, sell_number: 0, isOperSelf: 1 });
      expect(list[0].pic_list).to.deep.equal([]);
      expect(list[0].business_time).to.deep.equal(['10:30:00', '22:00:00']);
      expect(list[0].start_date).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(list[2].stock).to.equal(5);
    });

    it('answers 40001 for the goods of a disabled or missing merchant', async () => {
      for (const id of [await merchantId('停业整顿的火锅店'), '999999']) {
        expect((await get('/api/user/goods', { merchant_id: id })).body.code).to.equal(40001);
      }
    });

    it('shows off-shelf goods in detail, with their status', async () => {
      const answer = await get('/api/user/goods/detail', { id: await goodsId('旧版四人餐（已下架）') });
      expect(answer.body.data).to.deep.include({ name: '旧版四人餐（已下架）', status: 2, price: '298.00' });
    });

    it('answers 40002 for missing goods, 10001 for a bad id', async () => {
      expect((await get('/api/user/goods/detail', { id: '999999' })).body).to.deep.equal({ code: 40002, message: '商品不存在或已下架' });
      for (const id of ['abc', '0', '-5', '1.5', "1' OR '1'='1"]) {
        expect((await get('/api/user/goods/detail', { id })).body.code, id).to.equal(10001);
      }
      expect((await get('/api/user/goods', {})).body.message).to.contain('merchant_id');
    });
  });
}
