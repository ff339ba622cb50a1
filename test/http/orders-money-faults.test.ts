import { expect } from 'chai';
import { CHECK_SCHEDULE } from '../../core/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { APP1 } from '../support/http-client.js';
import { clearPayFaults, payFault, refundOutcome, until } from '../support/sandbox-pay-controls.js';
import { Shopper, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const GOODS = '双人涮肉套餐';

/**
 * Money that fails safe, end to end through the sandbox's fault controls: refunds refused,
 * ABNORMAL, CLOSED, lost notifications, and a fault on every WeChat Pay API.
 */
for (const database of testDatabases()) {
  describe(`money that fails safe [${database.name}]`, () => {
    const clock = new FakeClock(new Date());
    let server: TestServer;
    let demo: Shopper;

    before(async () => {
      server = await startTestServer(
        { ORDER_SWEEP_SECONDS: '0', RECONCILE_SECONDS: '1', MAX_UNPAID_ORDERS_PER_USER: '1000', WECHAT_TIMEOUT_MS: '300' },
        { clock },
        database,
      );
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => server?.close());
    afterEach(async () => {
      await clearPayFaults(server);
    });

    const paidOrder = async (units = 2) => {
      const orderNo = (await demo.buy(GOODS, units)).body.data!['order_no'] as string;
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
      return orderNo;
    };
    const refund = (orderNo: string) => demo.post('/order/refund', { order_no: orderNo });
    /** Paid, its codes unused, nothing refunded, and the failed attempts kept. */
    const expectGivenBack = async (orderNo: string, failedAttempts: number) => {
      const detail = await demo.detail(orderNo);
      expect(detail).to.deep.include({ status: 4, refund_price: null, refund_time: null });
      expect(detail['items'].map((i: any) => i.status)).to.deep.equal([1, 1]);
      expect(detail['refunds'].map((r: any) => r.status)).to.deep.equal(Array(failedAttempts).fill(3));
    };
    /** A new attempt, with a new number, refunds the order. */
    const expectRefundedByNewAttempt = async (orderNo: string, attempts: number) => {
      await refundOutcome(server, orderNo, 'SUCCESS');
      const again = await refund(orderNo);
      expect(again.body.code, JSON.stringify(again.body)).to.equal(0);
      const detail = await until(() => demo.detail(orderNo), (d) => d['refunds'][0]?.status === 2);
      expect(detail).to.deep.include({ status: 6, refund_price: '336.00' });
      expect(detail['refunds'].map((r: any) => r.status)).to.deep.equal([2, ...Array(attempts - 1).fill(3)]);
      const numbers = await server.db('refunds').where({ order_no: orderNo }).orderBy('attempt').pluck('out_refund_no');
      expect(numbers).to.deep.equal(Array.from({ length: attempts }, (_, i) => `${orderNo}R${i + 1}`));
    };

    it('a refund WeChat refuses at once gives everything back; a retry makes a new attempt', async () => {
      const orderNo = await paidOrder();
      await payFault(server, 'refund', 'refused');
      const refused = await refund(orderNo);
      expect(refused.body.code).to.equal(0);
      expect(refused.body.data).to.deep.include({ order_no: orderNo, status: 3, refund_id: null, amount: '336.00' });
      await expectGivenBack(orderNo, 1);
      await expectRefundedByNewAttempt(orderNo, 2);
    });

    it('a refund reported ABNORMAL by notification gives everything back; a retry makes a new attempt', async () => {
      const orderNo = await paidOrder();
      await refundOutcome(server, orderNo, 'ABNORMAL');
      // Processing, or already failed when the notification overtook the answer (both happen).
      expect([1, 3]).to.include((await refund(orderNo)).body.data!['status']);
      await until(() => demo.detail(orderNo), (d) => d['status'] === 4);
      await expectGivenBack(orderNo, 1);
      await expectRefundedByNewAttempt(orderNo, 2);
    });

    it('a refund CLOSED without a notification is found by /order/detail\'s query; a retry makes a new attempt', async () => {
      const orderNo = await paidOrder();
      await refundOutcome(server, orderNo, 'CLOSED', false);
      expect((await refund(orderNo)).body.data).to.deep.include({ status: 1 });
      expect(await server.db('orders').where({ order_no: orderNo }).first('status')).to.deep.equal({ status: 6 });
      expect((await demo.detail(orderNo))['status']).to.equal(4); // the first read asks, and finds it CLOSED
      await expectGivenBack(orderNo, 1);
      await expectRefundedByNewAttempt(orderNo, 2);
    });

    it('a payment whose notification was lost is found by /order/detail', async () => {
      const orderNo = (await demo.buy(GOODS, 2)).body.data!['order_no'] as string;
      const paid = await sandboxPays(server, orderNo, { notify: false });
      expect(paid.body).to.deep.include({ trade_state: 'SUCCESS', delivered: false });
      clock.advance(CHECK_SCHEDULE.readGapMs);
      const detail = await demo.detail(orderNo);
      expect(detail['status']).to.equal(4);
      expect(detail['items']).to.have.length(2);
      expect(detail['pay_time']).to.be.a('string');
    });

    it('a refund whose notification was lost is found by the reconciliation', async () => {
      const orderNo = await paidOrder();
      await refundOutcome(server, orderNo, 'SUCCESS', false);
      const accepted = await refund(orderNo);
      expect(accepted.body.data).to.deep.include({ status: 1 });
      clock.advance(CHECK_SCHEDULE.firstMs);
      const row = await until(() => server.db('refunds').where({ order_no: orderNo }).first(), (r) => r.status === 2);
      expect(row).to.include({ status: 2, check_count: 1 });
      expect(await demo.detail(orderNo)).to.deep.include({ status: 6, refund_price: '336.00' });
    });

    for (const fault of ['500', 'timeout', 'garbage', 'unsigned'] as const) {
      describe(`a ${fault} fault on each WeChat Pay API: 70012, nothing lost, completed once it clears`, () => {
        it('prepay: the order stays and is paid with /order/pay', async () => {
          await payFault(server, 'prepay', fault);
          const bought = await demo.buy(GOODS, 2);
          expect(bought.body.code).to.equal(70012);
          const orderNo = bought.body.data!['order_no'] as string;
          expect((await demo.post('/order/pay', { order_no: orderNo })).body.code).to.equal(0);
          await sandboxPays(server, orderNo);
          expect((await demo.detail(orderNo))['status']).to.equal(4);
        });

        it('query: /order/pay answers 70012, and the payment is found once it clears', async () => {
          const orderNo = (await demo.buy(GOODS, 2)).body.data!['order_no'] as string;
          await sandboxPays(server, orderNo, { notify: false });
          clock.advance(CHECK_SCHEDULE.readGapMs);
          await payFault(server, 'query', fault);
          expect((await demo.post('/order/pay', { order_no: orderNo })).body.code).to.equal(70012);
          clock.advance(CHECK_SCHEDULE.readGapMs);
          const again = await demo.post('/order/pay', { order_no: orderNo });
          expect(again.body.code, JSON.stringify(again.body)).to.equal(50002);
          expect((await demo.detail(orderNo))['status']).to.equal(4);
        });

        it('close: /order/cancel answers 70012, the order stays unpaid, and cancels once it clears', async () => {
          const orderNo = (await demo.buy(GOODS, 1)).body.data!['order_no'] as string;
          await payFault(server, 'close', fault);
          expect((await demo.post('/order/cancel', { order_no: orderNo })).body.code).to.equal(70012);
          expect((await demo.detail(orderNo))['status']).to.equal(1);
          const cancelled = await demo.post('/order/cancel', { order_no: orderNo });
          expect(cancelled.body.code).to.equal(0);
          expect(cancelled.body.data).to.deep.include({ status: 2 });
        });

        it('refund: 70012, and the same attempt refunds once it clears', async () => {
          const orderNo = await paidOrder();
          await payFault(server, 'refund', fault);
          expect((await refund(orderNo)).body.code).to.equal(70012);
          clock.advance(CHECK_SCHEDULE.readGapMs);
          const detail = await until(() => demo.detail(orderNo), (d) => d['refunds'][0]?.status === 2);
          expect(detail).to.deep.include({ status: 6, refund_price: '336.00' });
          expect(detail['refunds']).to.have.length(1);
          const transactions = (await (await fetch(`${server.url}/wechat-sandbox/pay/transactions`)).json()) as any[];
          expect(transactions.find((t) => t.out_trade_no === orderNo).refunds).to.have.length(1);
        });

        it('refund-query: /order/detail shows the order as stored, and the refund settles once it clears', async () => {
          const orderNo = await paidOrder();
          await refundOutcome(server, orderNo, 'CLOSED', false);
          await refund(orderNo);
          clock.advance(CHECK_SCHEDULE.readGapMs);
          await payFault(server, 'refund-query', fault, 1000);
          expect((await demo.detail(orderNo))['status']).to.equal(6);
          await clearPayFaults(server);
          clock.advance(CHECK_SCHEDULE.readGapMs);
          await until(() => demo.detail(orderNo), (d) => d['status'] === 4);
          await expectGivenBack(orderNo, 1);
        });
      });
    }

    it('takes one attempt and pays once when ten refunds race after a failure', async () => {
      const orderNo = await paidOrder();
      await payFault(server, 'refund', 'refused');
      await refund(orderNo);
      await refundOutcome(server, orderNo, 'SUCCESS');
      const answers = await Promise.all(Array.from({ length: 10 }, () => refund(orderNo)));
      expect(answers.every((a) => a.body.code === 0 || a.body.code === 50002)).to.equal(true);
      expect(new Set(answers.filter((a) => a.body.code === 0).map((a) => a.body.data!['id'])).size).to.equal(1);
      const transactions = (await (await fetch(`${server.url}/wechat-sandbox/pay/transactions`)).json()) as any[];
      expect(transactions.find((t) => t.out_trade_no === orderNo).refunds.map((r: any) => r.out_refund_no)).to.deep.equal([`${orderNo}R2`]);
    });

    it('records a lost payment once when the notification, reads and the reconciliation race', async () => {
      const orderNo = (await demo.buy(GOODS, 2)).body.data!['order_no'] as string;
      await sandboxPays(server, orderNo, { notify: false });
      clock.advance(CHECK_SCHEDULE.firstMs);
      await Promise.all([sandboxPays(server, orderNo), demo.detail(orderNo), demo.detail(orderNo), sandboxPays(server, orderNo)]);
      const detail = await until(() => demo.detail(orderNo), (d) => d['status'] === 4);
      expect(detail['items']).to.have.length(2);
      expect(await server.db('order_items').where({ order_id: detail['id'] }).count({ n: '*' })).to.deep.equal([{ n: 2 }]);
    });

    it('answers 50004 beyond MAX_UNPAID_ORDERS_PER_USER', async () => {
      const limited = await startTestServer({ ORDER_SWEEP_SECONDS: '0', RECONCILE_SECONDS: '0' }, {}, { name: 'sqlite', url: 'sqlite::memory:' });
      try {
        const shopper = await Shopper.login(limited, APP1, 'user');
        const answers = await Promise.all(Array.from({ length: 7 }, () => shopper.buy(GOODS, 1)));
        expect(answers.map((a) => a.body.code).sort()).to.deep.equal([0, 0, 0, 0, 0, 50004, 50004]);
        const refused = answers.find((a) => a.body.code === 50004)!;
        expect(refused.body.message).to.equal('待支付订单过多');
        const orderNo = answers.find((a) => a.body.code === 0)!.body.data!['order_no'];
        expect((await shopper.post('/order/cancel', { order_no: orderNo })).body.code).to.equal(0);
        expect((await shopper.buy(GOODS, 1)).body.code).to.equal(0);
      } finally {
        await limited.close();
      }
    });
  });
}
