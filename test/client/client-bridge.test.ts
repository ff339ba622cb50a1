import { expect } from 'chai';
import { MiniProgramClient } from 'o2o-miniprogram-client';
import { eventually } from '../sandbox/sandbox-harness.js';
import { APP1, APP2 } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';
import { dataOf } from './client-harness.js';
import { WxShim } from './wx-shim.js';

for (const database of testDatabases()) {
  describe(`mini-program client: the bridge to another oper’s mini program and the scene login there [${database.name}]`, function () {
    this.timeout(20_000);
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' }, {}, database);
    });
    after(async () => server?.close());

    /**
     * The address of the bridge page for the order, as the buying side opens it: `POST /order/bridge`
     * (its ticket), or, where this server has no such route yet (10000), the page's earlier form
     * with the session token.
     */
    async function bridgeAddress(client: MiniProgramClient, wx: WxShim, orderNo: string): Promise<string> {
      const link = await client.bridge(orderNo);
      if (link.kind === 'ok') return link.data.url;
      expect(link).to.deep.include({ kind: 'error', code: 10000 });
      const query = new URLSearchParams({ targetOperId: '2', orderNo, userId: String(client.userInfo!.id), token: String(wx.getStorageSync('o2o.token')) });
      return `${server.url}/miniprogram_bridge/pay?${query}`;
    }

    it('buys another oper’s goods in mini program 1, and pays them in mini program 2 after scanning its code', async () => {
      const wx1 = new WxShim(server.url, APP1, 'user');
      const buyer = new MiniProgramClient({ baseUrl: server.url, wx: wx1 });
      const goods = dataOf(await buyer.merchants({ keyword: '蜀九香' })).list[0]!;
      const hotpot = dataOf(await buyer.goods({ merchant_id: goods.id })).list.find((g) => g.name === '四人火锅套餐')!;
      const bought = dataOf(await buyer.buy({ goods_id: hotpot.id, number: 1 }));
      expect(bought.isOperSelf).to.equal(0);
      expect(bought).to.not.have.property('payment');
      expect(bought).to.not.have.property('sdk_config');

      const page = await fetch(await bridgeAddress(buyer, wx1, bought.order_no));
      expect(page.status).to.equal(200);
      const [code] = (await (await fetch(`${server.url}/wechat-sandbox/wxacodes`)).json()) as Array<{ appid: string; scene: string }>;
      expect(code!.appid).to.equal(APP2);

      // mini program 2 opens with `options.scene`: the same person, another openId there
      const wx2 = new WxShim(server.url, APP2, 'user');
      const payer = new MiniProgramClient({ baseUrl: server.url, wx: wx2 });
      const paid = dataOf(await payer.payScannedOrder(decodeURIComponent(code!.scene)));
      expect(paid).to.deep.equal({ order_no: bought.order_no, payment: { kind: 'paid' } });
      await eventually(async () => (dataOf(await buyer.orderDetail({ order_no: bought.order_no })).status === 4 ? true : undefined));
      expect(await payer.payScannedOrder(code!.scene)).to.deep.include({ kind: 'error', code: 60001 });
    });
  });
}
