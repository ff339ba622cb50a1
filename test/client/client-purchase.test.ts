import { expect } from 'chai';
import { MiniProgramClient } from 'o2o-miniprogram-client';
import { eventually } from '../sandbox/sandbox-harness.js';
import { APP1 } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';
import { dataOf } from './client-harness.js';
import { WxShim } from './wx-shim.js';

for (const database of testDatabases()) {
  describe(`mini-program client: a purchase against the real server (wx shim backed by the sandbox) [${database.name}]`, function () {
    this.timeout(20_000);
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' }, {}, database);
    });
    after(async () => server?.close());

    it('logs in by itself, browses, buys, pays with sdk_config as it is, and sees the codes', async () => {
      const wx = new WxShim(server.url, APP1, 'user');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });

      const merchants = dataOf(await client.merchants({ city_id: 110100, keyword: '涮肉' }));
      expect(wx.logins).to.equal(1);
      expect(client.userInfo).to.deep.include({ mobile: '13800138000' });
      const merchant = merchants.list.find((m) => m.isOperSelf === 1)!;
      const goods = dataOf(await client.goods({ merchant_id: merchant.id })).list.find((g) => g.name === '双人涮肉套餐')!;
      expect(goods.price).to.equal('168.00');

      const bought = dataOf(await client.buy({ goods_id: goods.id, number: 2 }));
      expect(bought.isOperSelf).to.equal(1);
      expect(bought.payment).to.deep.equal({ kind: 'paid' });
      const paid = await eventually(async () => {
        const order = dataOf(await client.orderDetail({ order_no: bought.order_no }));
        return order.status === 4 ? order : undefined;
      });
      expect(paid.items).to.have.length(2);
      expect(paid.items!.every((item) => /^\d{12}$/.test(item.verify_code))).to.equal(true);
      expect(dataOf(await client.orders({ status: 4 })).list.map((o) => o.order_no)).to.include(bought.order_no);
      expect(wx.logins, 'one login for the whole session').to.equal(1);
    });

    it('keeps the token in storage: another client on the same mini program does not log in again', async () => {
      const wx = new WxShim(server.url, APP1, 'user');
      dataOf(await new MiniProgramClient({ baseUrl: server.url, wx }).areaTree({ tier: 1 }));
      const later = new MiniProgramClient({ baseUrl: server.url, wx });
      expect(dataOf(await later.merchantCategoriesTree()).list.length).to.be.greaterThan(0);
      expect(wx.logins).to.equal(1);
    });

    it('answers a user without a phone with a typed bind-phone outcome, and buys once the phone is bound', async () => {
      const wx = new WxShim(server.url, APP1, 'client-new-user');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });
      const goodsId = Number((await server.db('goods').where({ name: '双人涮肉套餐' }).first('id')).id);
      const refused = await client.buy({ goods_id: goodsId, number: 1 });
      expect(refused).to.deep.equal({ kind: 'bind-phone', code: 10003, message: '未登录' });
      expect(client.userInfo).to.equal(null);

      const sent = dataOf(await client.sendVerifyCode('13711112222'));
      const bound = dataOf(await client.bindPhone('13711112222', sent.verify_code!));
      expect(bound.userInfo).to.deep.include({ mobile: '13711112222', name: '137****2222' });
      expect(client.userInfo).to.deep.equal(bound.userInfo);
      const bought = dataOf(await client.buy({ goods_id: goodsId, number: 1 }));
      expect(bought.payment).to.deep.equal({ kind: 'paid' });
      expect(wx.logins).to.equal(1);
    });

    it('reports a cancelled payment sheet, and the order can be paid later with pay()', async () => {
      const wx = new WxShim(server.url, APP1, 'user');
      const client = new MiniProgramClient({ baseUrl: server.url, wx });
      const goodsId = Number((await server.db('goods').where({ name: '双人涮肉套餐' }).first('id')).id);
      wx.paymentChoice = 'cancel';
      const bought = dataOf(await client.buy({ goods_id: goodsId, number: 1 }));
      expect(bought.payment).to.deep.equal({ kind: 'cancelled' });
      expect(dataOf(await client.orderDetail({ order_no: bought.order_no })).status).to.equal(1);
      wx.paymentChoice = 'pay';
      expect(dataOf(await client.pay(bought.order_no)).payment).to.deep.equal({ kind: 'paid' });
      await eventually(async () => (dataOf(await client.orderDetail({ order_no: bought.order_no })).status === 4 ? true : undefined));
    });

    it('passes API errors through with their code, and refuses bad parameters with 10001', async () => {
      const client = new MiniProgramClient({ baseUrl: server.url, wx: new WxShim(server.url, APP1, 'user') });
      expect(await client.orderDetail({ order_no: '99999999999999' })).to.deep.equal({ kind: 'error', code: 50001, message: '订单不存在' });
      const bad = await client.orderBuy({ goods_id: 1, number: 100 });
      expect(bad).to.deep.include({ kind: 'error', code: 10001 });
    });

    it('says so when the server cannot be reached', async () => {
      const client = new MiniProgramClient({ baseUrl: 'http://127.0.0.1:9', wx: new WxShim('http://127.0.0.1:9', APP1, 'user') });
      const answer = await client.merchants();
      expect(answer.kind).to.equal('network');
    });
  });
}
