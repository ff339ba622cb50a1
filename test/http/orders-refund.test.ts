import { expect } from 'chai';
import { TOKENS } from '../../adapters/tokens.js';
import { FakeClock } from '../support/fake-clock.js';
import { APP1 } from '../support/http-client.js';
import { Shopper, goodsIdOf, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i += 1) {
    const value = await probe();
    if (accept(value) || i >= 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const database of testDatabases()) {
  describe(`refunds, stock and closing unpaid orders [${database.name}]`, () => {
    const clock = new FakeClock(new Date());
    let server: TestServer;
    let demo: Shopper;

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', MAX_UNPAID_ORDERS_PER_USER: '1000' }, { clock }, database);
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => server?.close());

    const paidOrder = async (goods: string, units: number) => {
      const orderNo = (await demo.buy(goods, units)).body.data!['order_no'] as string;
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      return orderNo;
    };

    it('refunds the unused codes once when ten refunds arrive at once', async () => {
      const orderNo = await paidOrder('双人涮肉套餐', 2);
      const answers = await Promise.all(Array.from({ length: 10 }, () => demo.post('/order/refund', { order_no: orderNo })));
      const ok = answers.filter((a) => a.body.code === 0);
      expect(ok.length).to.be.greaterThan(0);
      expect(answers.every((a) => a.body.code === 0 || a.body.code === 50002)).to.equal(true);
      expect(new Set(ok.map((a) => a.body.data!['id'])).size).to.equal(1);
      expect(ok[0]!.body.data).to.deep.include({ order_no: orderNo, amount: '336.00' });
      expect(ok[0]!.body.data).to.have.keys('id', 'order_id', 'order_no', 'amount', 'updated_at', 'created_at', 'refund_id', 'status');
      expect(await server.db('refunds').where({ order_no: orderNo }).count({ n: '*' })).to.deep.equal([{ n: 1 }]);
      const order = await demo.detail(orderNo);
      expect(order).to.deep.include({ status: 6, refund_price: '336.00' });
      expect(order['items'].map((i: any) => i.status)).to.deep.equal([3, 3]);
      const transactions = (await (await fetch(`${server.url}/wechat-sandbox/pay/transactions`)).json()) as any;
      expect(JSON.stringify(transactions)).to.contain(orderNo);
      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(50002);
      const refund = await eventually(() => server.db('refunds').where({ order_no: orderNo }).first(), (row) => row.status === 2);
      expect(refund.status).to.equal(2);
    });

    it('refunds only unused codes, and not at all once every code is used', async () => {
      const orderNo = await paidOrder('100元代金券', 2);
      const redeem = server.container.get(TOKENS.RedeemCode);
      const order = await demo.detail(orderNo);
      await redeem.execute({ verifyCode: order['items'][0].verify_code, merchantId: order['merchant_id'] });
      const refund = await demo.post('/order/refund', { order_no: orderNo });
      expect(refund.body.data).to.deep.include({ amount: '88.00' });
      expect((await demo.detail(orderNo))['items'].map((i: any) => i.status).sort()).to.deep.equal([2, 3]);

      const usedUp = await paidOrder('100元代金券', 1);
      const item = (await demo.detail(usedUp))['items'][0];
      await redeem.execute({ verifyCode: item.verify_code, merchantId: order['merchant_id'] });
      expect((await demo.detail(usedUp))['status']).to.equal(7);
      expect((await demo.post('/order/refund', { order_no: usedUp })).body.code).to.equal(50002);
    });

    it('refuses to refund an unpaid order', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(50002);
    });

    it('never oversells a limited stock under parallel buys', async () => {
      const goodsId = await goodsIdOf(server, '限量特价单人餐');
      const answers = await Promise.all(Array.from({ length: 10 }, () => demo.post('/order/buy', { goods_id: goodsId, number: 1 })));
      const codes = answers.map((a) => a.body.code);
      expect(codes.filter((c) => c === 0)).to.have.length(5);
      expect(codes.filter((c) => c === 40004)).to.have.length(5);
      expect((await server.db('goods').where({ id: goodsId }).first()).stock).to.equal(0);
    });

    it('closes unpaid orders past the timeout, at WeChat too, and gives their stock back', async () => {
      const goodsId = await goodsIdOf(server, '限量特价单人餐');
      const mine = (await server.db('orders').where({ goods_id: goodsId, status: 1 }).select('order_no')).map((o) => o.order_no);
      expect(mine).to.have.length(5);
      clock.advance(31 * 60_000);
      const sweep = server.container.get(TOKENS.CloseExpiredOrders);
      const [first, second] = await Promise.all([sweep.execute(), sweep.execute()]);
      expect(first.failed + second.failed).to.equal(0);
      const closed = await server.db('orders').whereIn('order_no', mine).select('status');
      expect(closed.every((o) => o.status === 3)).to.equal(true);
      expect((await server.db('goods').where({ id: goodsId }).first()).stock).to.equal(5);
      expect((await demo.post('/order/pay', { order_no: mine[0] })).body.code).to.equal(50002);
      expect((await sandboxPays(server, mine[0]!)).status).to.equal(409);
    });
  });
}
