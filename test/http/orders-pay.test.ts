import { expect } from 'chai';
import { APP1, APP2 } from '../support/http-client.js';
import { Shopper, goodsIdOf, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const count = async (server: TestServer, table: string) => Number((await server.db(table).count({ n: '*' }))[0]!['n']);

for (const database of testDatabases()) {
  describe(`buying and paying through the WeChat Pay sandbox [${database.name}]`, () => {
    let server: TestServer;
    let demo: Shopper;
    let stranger: Shopper;

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', MAX_UNPAID_ORDERS_PER_USER: '1000' }, {}, database);
      demo = await Shopper.login(server, APP1, 'user');
      stranger = await Shopper.login(server, APP1, 'stranger', '13600001111');
    });
    after(async () => server?.close());

    it('buys goods of its own oper with a signed sdk_config for wx.requestPayment', async () => {
      const answer = await demo.buy('双人涮肉套餐', 2);
      expect(answer.body.code, JSON.stringify(answer.body)).to.equal(0);
      const data = answer.body.data!;
      expect(data['order_no']).to.match(/^\d{24}$/);
      expect(data['isOperSelf']).to.equal(1);
      expect(data['sdk_config']).to.have.keys('appId', 'nonceStr', 'package', 'signType', 'paySign', 'timestamp', 'timeStamp');
      expect(data['sdk_config']).to.deep.include({ appId: APP1, signType: 'RSA' });
      expect(data['sdk_config'].package).to.match(/^prepay_id=\S+$/);
      expect(data['sdk_config'].timestamp).to.match(/^\d{10}$/);
      expect(data['sdk_config'].timeStamp, 'wx.requestPayment spells it timeStamp').to.equal(data['sdk_config'].timestamp);
      const order = await demo.detail(data['order_no']);
      expect(order).to.deep.include({ status: 1, buy_number: 2, price: '168.00', pay_price: '336.00', pay_time: null, isOperSelf: 1, user_name: '演示用户' });
      expect(order).to.not.have.property('items');
    });

    it('marks the order paid once, with one 12-digit code per unit, however often WeChat notifies', async () => {
      const goodsId = await goodsIdOf(server, '100元代金券');
      const soldBefore = Number((await server.db('goods').where({ id: goodsId }).first()).sell_number);
      const orderNo = (await demo.buy('100元代金券', 3)).body.data!['order_no'];
      const deliveries = await Promise.all(Array.from({ length: 6 }, () => sandboxPays(server, orderNo)));
      expect(deliveries.every((d) => d.status === 200)).to.equal(true);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      const order = await demo.detail(orderNo);
      expect(order['status']).to.equal(4);
      expect(order['pay_time']).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(order['items']).to.have.length(3);
      expect(order['items'].every((i: any) => /^\d{12}$/.test(i.verify_code) && i.status === 1)).to.equal(true);
      expect(new Set(order['items'].map((i: any) => i.verify_code)).size).to.equal(3);
      expect(Number((await server.db('goods').where({ id: goodsId }).first()).sell_number)).to.equal(soldBefore + 3);
    });

    it('keeps an order unpaid when the notified amount differs', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      await sandboxPays(server, orderNo, { amount: 1 });
      expect((await demo.detail(orderNo))['status']).to.equal(1);
    });

    it('refuses a forged notification and changes nothing', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      const forged = await fetch(`${server.url}/wechat-sandbox/pay/${orderNo}/notify-forged`, { method: 'POST' });
      expect(forged.status).to.be.below(500);
      expect((await demo.detail(orderNo))['status']).to.equal(1);
      const direct = await fetch(`${server.url}/api/wechat/pay/notify/1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ resource: { ciphertext: 'x' } }),
      });
      expect(direct.status).to.equal(401);
    });

    it('buys another oper’s goods without sdk_config, to be paid in that oper’s mini program', async () => {
      const answer = await demo.buy('四人火锅套餐');
      expect(answer.body.data).to.have.keys('order_no', 'isOperSelf');
      expect(answer.body.data!['isOperSelf']).to.equal(0);
      const pay = await demo.post('/order/pay', { order_no: answer.body.data!['order_no'] });
      expect(pay.body).to.deep.equal({ code: 50003, message: '该订单不属于当前小程序' });
    });

    it('gives a fresh sdk_config for an unpaid order with /order/pay', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      const pay = await demo.post('/order/pay', { order_no: orderNo });
      expect(pay.body.code).to.equal(0);
      expect(pay.body.data!['sdk_config'].package).to.match(/^prepay_id=/);
    });

    it('cancels an unpaid order once, closing the WeChat transaction', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      const cancel = await demo.post('/order/cancel', { order_no: orderNo });
      expect(cancel.body.code).to.equal(0);
      expect(cancel.body.data!['status']).to.equal(2);
      expect((await demo.post('/order/cancel', { order_no: orderNo })).body.code).to.equal(50002);
      expect((await demo.post('/order/pay', { order_no: orderNo })).body.code).to.equal(50002);
      expect((await sandboxPays(server, orderNo)).status).to.equal(409);
    });

    it('hides another user’s order everywhere with 50001', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      expect((await stranger.get('/order/detail', { order_no: orderNo })).body.code).to.equal(50001);
      for (const path of ['/order/pay', '/order/cancel', '/order/refund']) {
        expect((await stranger.post(path, { order_no: orderNo })).body, path).to.deep.equal({ code: 50001, message: '订单不存在' });
      }
      const list = await stranger.get('/orders');
      expect((list.body.data!['list'] as any[]).some((o) => o.order_no === orderNo)).to.equal(false);
      expect((await demo.detail(orderNo))['status']).to.equal(1);
    });

    it('lists the caller’s orders newest first, filtered by status', async () => {
      const all = await demo.get('/orders', { page_size: '100' });
      const list = all.body.data!['list'] as any[];
      expect(all.body.data!['total']).to.equal(list.length);
      expect(list.every((o) => o.user_id === list[0].user_id)).to.equal(true);
      const ids = list.map((o) => o.id);
      expect(ids).to.deep.equal([...ids].sort((a, b) => b - a));
      const paid = await demo.get('/orders', { status: '4' });
      expect((paid.body.data!['list'] as any[]).every((o) => o.status === 4 && Array.isArray(o.items))).to.equal(true);
      expect((await demo.get('/orders', { status: '5' })).body.code).to.equal(10001);
    });

    it('refuses goods it cannot sell: off shelf 40002, not on sale today 40003, disabled merchant 40001', async () => {
      const before = await count(server, 'orders');
      expect((await demo.buy('旧版四人餐（已下架）')).body.code).to.equal(40002);
      expect((await demo.buy('下月新品尝鲜券')).body.code).to.equal(40003);
      expect((await demo.buy('已过期烫发券')).body.code).to.equal(40003);
      expect((await demo.buy('禁用商家的套餐')).body.code).to.equal(40001);
      expect((await demo.post('/order/buy', { goods_id: 999999, number: 1 })).body.code).to.equal(40002);
      expect(await count(server, 'orders')).to.equal(before);
    });

    it('refuses bad parameters with 10001 and writes nothing', async () => {
      const before = await count(server, 'orders');
      const goodsId = await goodsIdOf(server, '双人涮肉套餐');
      for (const body of [
        { number: 1 },
        { goods_id: goodsId },
        { goods_id: goodsId, number: 0 },
        { goods_id: goodsId, number: 100 },
        { goods_id: goodsId, number: 'two' },
        { goods_id: goodsId, number: 1.5 },
        { goods_id: goodsId, number: true },
        { goods_id: [goodsId], number: 1 },
        { goods_id: goodsId, number: 1, notify_mobile: '12345' },
        { goods_id: "1 OR 1=1", number: 1 },
      ]) {
        const answer = await demo.post('/order/buy', body);
        expect(answer.body.code, JSON.stringify(body)).to.equal(10001);
      }
      for (const orderNo of ['', 'abc', '1'.repeat(33), "1' OR '1'='1"]) {
        expect((await demo.get('/order/detail', { order_no: orderNo })).body.code, orderNo).to.equal(10001);
      }
      expect(await count(server, 'orders')).to.equal(before);
    });

    it('takes numeric strings for numeric parameters, as page options arrive', async () => {
      const answer = await demo.post('/order/buy', { goods_id: String(await goodsIdOf(server, '双人涮肉套餐')), number: '1' });
      expect(answer.body.code).to.equal(0);
    });

    it('needs a bound user: 10003 before /login', async () => {
      const { token } = await server.api.wxLogin(APP2, 'not-bound-yet');
      const answer = await server.api.post('/api/user/order/buy', { token, goods_id: 1, number: 1 }, { Referer: `https://servicewechat.com/${APP2}/0/page-frame.html` });
      expect(answer.body.code).to.equal(10003);
    });
  });
}
