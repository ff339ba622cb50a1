import { expect } from 'chai';
import { MiniProgramClient } from 'o2o-miniprogram-client';
import { APP1, APP2 } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';
import { dataOf, expireSessions } from './client-harness.js';
import { WxShim } from './wx-shim.js';

for (const database of testDatabases()) {
  describe(`mini-program client: following the login codes by itself [${database.name}]`, function () {
    this.timeout(20_000);
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' }, {}, database);
    });
    after(async () => server?.close());

    const wxLogins = (wx: WxShim) => wx.requested.filter((path) => path === '/api/user/wxLogin').length;
    const tokenOf = (wx: WxShim) => String(wx.getStorageSync('o2o.token'));

    it('logs in again when the token expires mid-session (10007) and retries the call once', async () => {
      const wx = new WxShim(server.url, APP1, 'user');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });
      dataOf(await client.orders());
      const first = tokenOf(wx);
      await expireSessions(server, first);

      const orders = dataOf(await client.orders({ page_size: 5 }));
      expect(orders.total).to.be.a('number');
      expect(wx.logins).to.equal(2);
      expect(tokenOf(wx)).to.not.equal(first);
      expect(wx.requested.slice(-3)).to.deep.equal(['/api/user/orders', '/api/user/wxLogin', '/api/user/orders']);
    });

    it('logs in again after a switch of mini program (70010), and then speaks as the new one', async () => {
      const wx = new WxShim(server.url, APP1, 'user');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });
      const chengdu = async () => dataOf(await client.merchants({ keyword: '蜀九香' })).list[0]!;
      expect((await chengdu()).isOperSelf).to.equal(0);

      wx.appid = APP2;
      expect((await chengdu()).isOperSelf, 'oper 2 owns the merchant: the token is now mini program 2’s').to.equal(1);
      expect(wx.logins).to.equal(2);
      expect(wx.requested.slice(-3)).to.deep.equal(['/api/user/merchants', '/api/user/wxLogin', '/api/user/merchants']);
    });

    it('retries a call once only: a token refused again comes back as the error it is', async () => {
      const wx = new WxShim(server.url, APP1, 'user');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });
      dataOf(await client.orders());
      wx.cannedAnswers.set('/api/user/orders', { code: 10007, message: 'token无效或不存在' });
      expect(await client.orders()).to.deep.equal({ kind: 'error', code: 10007, message: 'token无效或不存在' });
      expect(wx.logins).to.equal(2);
      expect(wx.requested.slice(-3)).to.deep.equal(['/api/user/orders', '/api/user/wxLogin', '/api/user/orders']);
    });

    it('reports a login that WeChat fails (70012) as it is, without looping', async () => {
      const wx = new WxShim(server.url, APP1, 'fault-500');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });
      const answer = await client.merchants();
      expect(answer).to.deep.include({ kind: 'error', code: 70012 });
      expect(wx.logins).to.equal(1);
    });

    it('logs in once for many calls at once: with no token, and again when the token expired under them', async () => {
      const wx = new WxShim(server.url, APP1, 'user');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });
      const many = () =>
        Promise.all([
          client.merchants(),
          client.orders(),
          client.areaTree({ tier: 1 }),
          client.merchantCategoriesTree(),
          client.goodsDetail({ id: 1 }),
          client.areaCitiesWithHot(),
          client.merchantDetail({ id: 1 }),
          client.orders({ status: 4 }),
        ]);
      const cold = await many();
      expect(cold.map((r) => r.kind)).to.deep.equal(Array(8).fill('ok'));
      expect(wx.logins).to.equal(1);
      expect(wxLogins(wx)).to.equal(1);

      await expireSessions(server, tokenOf(wx));
      const expired = await many();
      expect(expired.map((r) => r.kind)).to.deep.equal(Array(8).fill('ok'));
      expect(wx.logins).to.equal(2);
      expect(wxLogins(wx)).to.equal(2);
    });
  });
}
