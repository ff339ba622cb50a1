import { expect } from 'chai';
import { APP1, type ApiAnswer, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { CrashWorld, until } from './crash-world.js';
import { violatedInvariants } from './invariants.js';

// The app as a real process, killed (SIGKILL) at named points between the steps of a flow and
// started again on the same database. These tests need no reconciliation: what they check is that
// the database is whole after each crash and that the flow can be finished by what exists today
// (the user paying again, WeChat's retried notification, cancelling again). Crashes whose repair
// needs the reconciliation (a refund WeChat accepted, a payment never notified) use the same world.
for (const database of testDatabases()) {
  describe(`crashes at named points, then a restart on the same database [${database.name}, real process]`, function () {
    this.timeout(120_000);
    let world: CrashWorld;
    let token = '';
    let limitedId = 0;
    let initialStock = new Map<number, number>();

    const post = (path: string, body: Record<string, unknown>) => world.api.post(`/api/user${path}`, { token, ...body }, fromMiniProgram(APP1));
    const detail = async (orderNo: string) => (await world.api.get('/api/user/order/detail', { token, order_no: orderNo }, fromMiniProgram(APP1))).body.data!;
    const unanswered = (request: Promise<ApiAnswer>) => request.then((answer) => `answered ${JSON.stringify(answer.body)}`, () => 'no answer');
    const expectWhole = async () => expect(await violatedInvariants(world.db, initialStock)).to.deep.equal([]);

    before(async () => {
      world = await CrashWorld.open(database);
      await world.start();
      token = (await world.api.wxLogin(APP1, 'user')).token;
      const goods = await world.db('goods').where({ name: '限量特价单人餐' }).first('id', 'stock');
      limitedId = Number(goods.id);
      initialStock = new Map([[limitedId, Number(goods.stock)]]);
    });
    after(async () => world?.close());
    afterEach(function () {
      if (this.currentTest?.state === 'failed') console.log(world.transcript());
    });

    it('refuses CRASH_AT and CLOCK_AHEAD_SECONDS outside APP_ENV=test', async () => {
      const { loadConfig } = await import('../../apps/composition/config.js');
      expect(() => loadConfig({ APP_ENV: 'development', CRASH_AT: 'wechat-pay.prepay' })).to.throw('refused outside APP_ENV=test');
      expect(() => loadConfig({ APP_ENV: 'development', CLOCK_AHEAD_SECONDS: '60' })).to.throw('CLOCK_AHEAD_SECONDS (crash tests) is refused outside APP_ENV=test');
      expect(loadConfig({ APP_ENV: 'test', CLOCK_AHEAD_SECONDS: '60' }).clockAheadMs).to.equal(60_000);
      expect(loadConfig({ APP_ENV: 'development' }).clockAheadMs).to.equal(0);
      expect(() => loadConfig({ APP_ENV: 'test', CRASH_AT: 'not a point' })).to.throw('CRASH_AT must be');
      expect(loadConfig({ APP_ENV: 'test', CRASH_AT: 'unit-of-work.before-commit#2' }).crashAt).to.deep.equal({ point: 'unit-of-work.before-commit', occurrence: 2 });
    });

    it('buy, killed after WeChat Pay created the prepay: the order stays unpaid and whole, and is paid later', async () => {
      await world.start('wechat-pay.prepay');
      expect(await unanswered(post('/order/buy', { goods_id: limitedId, number: 2 }))).to.equal('no answer');
      await world.crashed();

      await world.start();
      await expectWhole();
      const order = await world.db('orders').where({ goods_id: limitedId }).orderBy('id', 'desc').first('order_no', 'status');
      expect(order.status).to.equal(1);
      const pay = await post('/order/pay', { order_no: order.order_no });
      expect(pay.body.code, JSON.stringify(pay.body)).to.equal(0);
      expect(await world.wechatPays(order.order_no)).to.equal(200);
      await until(() => detail(order.order_no), (d) => d['status'] === 4);
      expect((await detail(order.order_no))['items']).to.have.length(2);
      await expectWhole();
    });

    it('payment confirmation, killed inside its transaction before the commit: nothing is half-recorded, and WeChat’s retry records it once', async () => {
      const bought = await post('/order/buy', { goods_id: limitedId, number: 1 });
      expect(bought.body.code, JSON.stringify(bought.body)).to.equal(0);
      const orderNo = String(bought.body.data!['order_no']);
      const sold = Number((await world.db('goods').where({ id: limitedId }).first('sell_number')).sell_number);

      // The sweeps are off and nothing else is asked of this instance: its first transaction is the
      // one recording the notified payment (one at start-up would have killed it before `listening`).
      await world.start('unit-of-work.before-commit');
      await world.wechatPays(orderNo);
      await world.crashed();

      await world.start();
      expect((await world.db('orders').where({ order_no: orderNo }).first('status')).status).to.equal(1);
      expect(Number((await world.db('goods').where({ id: limitedId }).first('sell_number')).sell_number)).to.equal(sold);
      await expectWhole();

      expect(await world.wechatPays(orderNo)).to.equal(200);
      await until(() => detail(orderNo), (d) => d['status'] === 4);
      expect((await detail(orderNo))['items']).to.have.length(1);
      expect(Number((await world.db('goods').where({ id: limitedId }).first('sell_number')).sell_number)).to.equal(sold + 1);
      await expectWhole();
    });

    it('cancel, killed after WeChat closed the transaction: the order is still whole and unpaid, and cancelling again finishes it', async () => {
      const bought = await post('/order/buy', { goods_id: limitedId, number: 1 });
      expect(bought.body.code, JSON.stringify(bought.body)).to.equal(0);
      const orderNo = String(bought.body.data!['order_no']);

      await world.start('wechat-pay.close');
      expect(await unanswered(post('/order/cancel', { order_no: orderNo }))).to.equal('no answer');
      await world.crashed();

      await world.start();
      await expectWhole();
      const again = await post('/order/cancel', { order_no: orderNo });
      expect(again.body.code, JSON.stringify(again.body)).to.equal(0);
      expect((await detail(orderNo))['status']).to.equal(2);
      await expectWhole();
    });
  });
}

