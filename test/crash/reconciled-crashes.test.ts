import { expect } from 'chai';
import { APP1, type ApiAnswer, fromMiniProgram } from '../support/http-client.js';
import { refundOutcome } from '../support/sandbox-pay-controls.js';
import { testDatabases } from '../support/test-databases.js';
import { CrashWorld, until } from './crash-world.js';
import { disagreementsWithWechatPay, violatedInvariants } from './invariants.js';

// Crashes whose repair needs WeChat's notification or the reconciliation: the app as a real
// process killed (SIGKILL) at a named point, started again on the same database. The restarted
// instance runs the reconciliation every second with its clock ahead of real time
// (CLOCK_AHEAD_SECONDS, as an instance restarted that much later), so the first check of an order
// or refund (10 s after its prepay or creation) is due at once; every wait is for an event.
for (const database of testDatabases()) {
  describe(`crashes repaired by notifications and the reconciliation [${database.name}, real process]`, function () {
    this.timeout(120_000);
    let world: CrashWorld;
    let token = '';
    let limitedId = 0;
    let initialStock = new Map<number, number>();
    /** Seconds the clock of the next instance runs ahead: only ever grows, so time never goes back. */
    let ahead = 0;

    const post = (path: string, body: Record<string, unknown>) => world.api.post(`/api/user${path}`, { token, ...body }, fromMiniProgram(APP1));
    const unanswered = (request: Promise<ApiAnswer>) => request.then((answer) => `answered ${JSON.stringify(answer.body)}`, () => 'no answer');
    const orderRow = (orderNo: string) => world.db('orders').where({ order_no: orderNo }).first('status', 'refund_price');
    const refundRows = (orderNo: string) => world.db('refunds').where({ order_no: orderNo }).orderBy('attempt').select('out_refund_no', 'status');
    const itemStatuses = async (orderNo: string) => {
      const { id } = await world.db('orders').where({ order_no: orderNo }).first('id');
      return (await world.db('order_items').where({ order_id: id }).orderBy('id').pluck('status')).map(Number);
    };
    const expectWhole = async () => expect(await violatedInvariants(world.db, initialStock)).to.deep.equal([]);
    const expectAgreeing = async () => expect(await disagreementsWithWechatPay(world.db, world.sandbox.url)).to.deep.equal([]);
    /** The sandbox's refunds of the order's transaction. */
    const wechatRefunds = async (orderNo: string) => {
      const ledger = (await (await fetch(`${world.sandbox.url}/wechat-sandbox/pay/transactions`)).json()) as Array<{ out_trade_no: string; refunds: Array<{ out_refund_no: string; status: string }> }>;
      return ledger.find((tx) => tx.out_trade_no === orderNo)!.refunds.map((r) => ({ out_refund_no: r.out_refund_no, status: r.status }));
    };
    /** An instance on the clock of the last one, the reconciliation off. */
    const startAhead = (crashAt?: string) => world.start(crashAt, { CLOCK_AHEAD_SECONDS: String(ahead) });
    /** An instance started `seconds` later than the last one (its clock ahead), with the reconciliation every second. */
    const restartLater = (seconds: number, crashAt?: string, env: Record<string, string> = {}) => {
      ahead += seconds;
      return world.start(crashAt, { RECONCILE_SECONDS: '1', CLOCK_AHEAD_SECONDS: String(ahead), ...env });
    };
    const unpaidOrder = async (units: number) => {
      const bought = await post('/order/buy', { goods_id: limitedId, number: units });
      expect(bought.body.code, JSON.stringify(bought.body)).to.equal(0);
      return String(bought.body.data!['order_no']);
    };
    const paidOrder = async (units: number) => {
      const orderNo = await unpaidOrder(units);
      expect(await world.wechatPays(orderNo)).to.equal(200);
      await until(() => orderRow(orderNo), (o) => o.status === 4);
      return orderNo;
    };

    /** Asks for the order's refund on an instance set to die at `point`, and waits for it to die there. */
    const refundKilledAt = async (orderNo: string, point: string) => {
      await startAhead(point);
      expect(await unanswered(post('/order/refund', { order_no: orderNo }))).to.equal('no answer');
      await world.crashed();
    };
    /** Waits for the refund's first attempt to be recorded succeeded, then checks it was paid once and recorded whole. */
    const expectRefundedOnce = async (orderNo: string, units: number) => {
      await until(() => refundRows(orderNo), (rows) => rows[0]?.status === 2);
      expect(await refundRows(orderNo)).to.deep.equal([{ out_refund_no: `${orderNo}R1`, status: 2 }]);
      expect(await orderRow(orderNo)).to.deep.include({ status: 6 });
      expect(await itemStatuses(orderNo)).to.deep.equal(Array(units).fill(3));
      expect(await wechatRefunds(orderNo)).to.deep.equal([{ out_refund_no: `${orderNo}R1`, status: 'SUCCESS' }]);
      await expectWhole();
      await expectAgreeing();
    };

    before(async () => {
      world = await CrashWorld.open(database);
      await world.start();
      token = (await world.api.wxLogin(APP1, 'user')).token;
      // The demo's limited goods, with a stock of 20 for this file's orders.
      await world.db('goods').where({ name: '限量特价单人餐' }).update({ stock: 20 });
      const goods = await world.db('goods').where({ name: '限量特价单人餐' }).first('id', 'stock');
      limitedId = Number(goods.id);
      initialStock = new Map([[limitedId, Number(goods.stock)]]);
    });
    after(async () => world?.close());
    afterEach(async function () {
      if (this.currentTest?.state === 'failed') console.log(world.transcript());
      // Each test leaves every order settled, so the next one's sweep or reconciliation meets only its own.
      await startAhead();
    });

    it('refund, killed after WeChat accepted it: the user’s retry sends the same refund, WeChat’s notification completes it once', async () => {
      const orderNo = await paidOrder(2);
      await refundOutcome({ url: world.sandbox.url }, orderNo, 'PROCESSING');
      await refundKilledAt(orderNo, 'wechat-pay.refund');

      await startAhead();
      // Accepted by WeChat, unknown to the order: the attempt is processing, the order still paid, its codes unused.
      expect(await refundRows(orderNo)).to.deep.equal([{ out_refund_no: `${orderNo}R1`, status: 1 }]);
      expect((await orderRow(orderNo)).status).to.equal(4);
      await expectWhole();
      // A second tap resends the same attempt (same out_refund_no): WeChat holds one refund.
      const again = await post('/order/refund', { order_no: orderNo });
      expect(again.body.data, JSON.stringify(again.body)).to.deep.include({ order_no: orderNo, status: 1 });
      expect(await wechatRefunds(orderNo)).to.deep.equal([{ out_refund_no: `${orderNo}R1`, status: 'PROCESSING' }]);

      await refundOutcome({ url: world.sandbox.url }, orderNo, 'SUCCESS');
      await expectRefundedOnce(orderNo, 2);
      expect((await post('/order/refund', { order_no: orderNo })).body.code).to.equal(50002);
      expect(await wechatRefunds(orderNo)).to.have.length(1);
    });

    it('refund, killed after WeChat accepted it and its notification lost: the reconciliation after the restart completes it once', async () => {
      const orderNo = await paidOrder(1);
      // WeChat refunds it at once and notifies an app that is already dead: the notice is lost.
      await refundOutcome({ url: world.sandbox.url }, orderNo, 'SUCCESS', false);
      await refundKilledAt(orderNo, 'wechat-pay.refund');
      await restartLater(11);
      await expectRefundedOnce(orderNo, 1);
    });

    it('refund, killed while recording WeChat’s answer (before the commit): the reconciliation completes it once', async () => {
      const orderNo = await paidOrder(1);
      await refundOutcome({ url: world.sandbox.url }, orderNo, 'SUCCESS', false);
      // The refund's transactions: 1 fixes the attempt, 2 records WeChat's answer.
      await refundKilledAt(orderNo, 'unit-of-work.before-commit#2');
      await startAhead();
      expect(await refundRows(orderNo)).to.deep.equal([{ out_refund_no: `${orderNo}R1`, status: 1 }]);
      expect((await orderRow(orderNo)).status).to.equal(4);
      await expectWhole();

      await restartLater(11);
      await expectRefundedOnce(orderNo, 1);
    });

    it('a payment whose notification is lost, the reconciliation killed after WeChat answered its query: found after the next restart', async () => {
      const orderNo = await unpaidOrder(2);
      const paid = await fetch(`${world.sandbox.url}/wechat-sandbox/pay/${orderNo}/succeed`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ notify: false }),
      });
      expect(await paid.json()).to.deep.include({ trade_state: 'SUCCESS', delivered: false });
      await world.kill();

      await restartLater(11, 'wechat-pay.query');
      await world.crashed();
      expect((await orderRow(orderNo)).status).to.equal(1);
      await expectWhole();

      // The killed check had claimed the next one 10 s later: this instance starts later still.
      await restartLater(11);
      await until(() => orderRow(orderNo), (o) => o.status === 4);
      expect(await itemStatuses(orderNo)).to.deep.equal([1, 1]);
      await expectWhole();
      await expectAgreeing();
    });

    it('close by the sweep, killed after WeChat closed the transaction: the next sweep closes the order once, no money can land', async () => {
      const orderNo = await unpaidOrder(1);
      const stock = Number((await world.db('goods').where({ id: limitedId }).first('stock')).stock);

      // Past its one-minute pay timeout: the sweep (every second) takes it.
      const sweep = { ORDER_SWEEP_SECONDS: '1', PAY_TIMEOUT_MINUTES: '1' };
      await restartLater(61, 'wechat-pay.close', sweep);
      await world.crashed();
      expect((await orderRow(orderNo)).status).to.equal(1);
      expect(Number((await world.db('goods').where({ id: limitedId }).first('stock')).stock)).to.equal(stock);
      await expectWhole();

      await restartLater(11, undefined, sweep);
      await until(() => orderRow(orderNo), (o) => o.status === 3);
      expect(Number((await world.db('goods').where({ id: limitedId }).first('stock')).stock)).to.equal(stock + 1);
      expect(await world.wechatPays(orderNo)).to.equal(409); // closed at WeChat: no payment can land
      expect((await orderRow(orderNo)).status).to.equal(3);
      await expectWhole();
      await expectAgreeing();
    });
  });
}

