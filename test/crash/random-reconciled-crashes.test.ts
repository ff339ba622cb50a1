import { expect } from 'chai';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { type RefundOutcomeStatus, refundOutcome } from '../support/sandbox-pay-controls.js';
import { testDatabases } from '../support/test-databases.js';
import { CrashWorld } from './crash-world.js';
import { disagreementsWithWechatPay, violatedInvariants } from './invariants.js';
import { seeded } from './seeded-random.js';

const SEED = Number(process.env['CRASH_SEED'] ?? 20261202);
const ROUNDS = 4;
const WORKERS = 6;
const GOODS = ['限量特价单人餐', '双人涮肉套餐', '100元代金券'];
/** Where an instance may be set to kill itself (CRASH_AT), besides the kill from outside. */
const POINTS = [
  'wechat-pay.prepay', 'wechat-pay.query', 'wechat-pay.close', 'wechat-pay.refund', 'wechat-pay.queryRefund',
  'wechat-pay.openPaymentNotice', 'wechat-pay.openRefundNotice', 'unit-of-work.before-commit', 'unit-of-work.after-commit',
];

// Parallel buyers paying (WeChat's notification delivered or lost), cancelling and refunding
// (refunds ending SUCCESS or ABNORMAL, notified or not) while the process is killed (SIGKILL, from
// outside at a random moment, or by itself at a named point chosen at random: CRASH_AT) with the
// reconciliation and the sweep running. After each kill the database is whole; at the end an
// instance started an hour later (its clock ahead) lets the reconciliation and the sweep finish
// everything, and the database then agrees with WeChat Pay's ledger: every payment recorded once,
// every refund WeChat paid recorded once, none paid twice.
for (const database of testDatabases()) {
  describe(`random crashes under parallel load with the reconciliation on [${database.name}, real process, seed ${SEED}]`, function () {
    this.timeout(240_000);
    let world: CrashWorld;
    let ahead = 0;

    before(async () => {
      world = await CrashWorld.open(database);
    });
    after(async () => world?.close());
    afterEach(function () {
      if (this.currentTest?.state === 'failed') console.log(`CRASH_SEED=${SEED}\n${world.transcript()}`);
    });

    /** An instance started `seconds` after the last (its clock that much further ahead), reconciling and sweeping every second. */
    const startLater = (seconds: number, crashAt?: string) => {
      ahead += seconds;
      return world.start(crashAt, {
        RECONCILE_SECONDS: '1',
        ORDER_SWEEP_SECONDS: '1',
        MAX_UNPAID_ORDERS_PER_USER: '1000',
        CLOCK_AHEAD_SECONDS: String(ahead),
      });
    };

    it('keeps the database whole through kills at random moments, and agrees with WeChat Pay once the reconciliation has run', async () => {
      const random = seeded(SEED);
      await startLater(0);
      const token = (await world.api.wxLogin(APP1, 'user')).token;
      await world.db('goods').where({ name: '限量特价单人餐' }).update({ stock: 30 });
      const goods = await world.db('goods').whereIn('name', GOODS).select('id', 'stock');
      const initialStock = new Map(goods.filter((g) => g.stock !== null).map((g) => [Number(g.id), Number(g.stock)]));
      const post = (path: string, body: Record<string, unknown>) => world.api.post(`/api/user${path}`, { token, ...body }, fromMiniProgram(APP1));
      const statusOf = async (orderNo: string) => (await world.api.get('/api/user/order/detail', { token, order_no: orderNo }, fromMiniProgram(APP1))).body.data?.['status'];
      const sandbox = { url: world.sandbox.url };
      const counts = { paid: 0, refunds: 0, cancels: 0 };

      /** One buyer's move: buy, then pay (notified or not), pay and refund, or cancel. */
      const move = async (w: number) => {
        const pick = goods[Math.floor(random() * goods.length)]!;
        const bought = await post('/order/buy', { goods_id: pick.id, number: 1 + (w % 2) });
        const orderNo = bought.body.data?.['order_no'] as string | undefined;
        if (!orderNo) return;
        const dice = random();
        if (dice < 0.3) {
          counts.cancels += 1;
          await post('/order/cancel', { order_no: orderNo });
          return;
        }
        const notify = random() < 0.7;
        const paid = await fetch(`${world.sandbox.url}/wechat-sandbox/pay/${orderNo}/succeed`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ notify }),
        });
        await paid.text();
        if (paid.status !== 200) return; // an order of another oper: no transaction in this mini program
        counts.paid += 1;
        if (dice < 0.65) return;
        // Refund once the order reads paid (/order/detail's own check finds a lost notification).
        for (let i = 0; i < 40 && (await statusOf(orderNo)) !== 4; i++) await new Promise((resolve) => setTimeout(resolve, 25));
        const outcome: RefundOutcomeStatus = random() < 0.8 ? 'SUCCESS' : 'ABNORMAL';
        await refundOutcome(sandbox, orderNo, outcome, random() < 0.6);
        counts.refunds += 1;
        await post('/order/refund', { order_no: orderNo });
      };

      /** The instance of the next round: half of them set to kill themselves at a named point, its n-th time. */
      const startRound = () => {
        const crashAt = random() < 0.5 ? `${POINTS[Math.floor(random() * POINTS.length)]!}#${2 + Math.floor(random() * 6)}` : undefined;
        return startLater(11, crashAt);
      };

      for (let round = 0; round < ROUNDS; round++) {
        if (round > 0) await startRound();
        const app = world.running();
        let running = true;
        const worker = async (w: number) => {
          // A move cut short by the kill (no answer) ends this worker's round.
          while (running) await move(w);
        };
        const workers = Array.from({ length: WORKERS }, (_, w) => worker(w).catch(() => undefined));
        // Killed from outside at a random moment, unless it killed itself at its point first.
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 400 + Math.floor(random() * 1200))), app.exited]);
        await world.kill();
        running = false;
        await Promise.all(workers);
        // Checked with no instance running: the database as the crash left it.
        expect(await violatedInvariants(world.db, initialStock), `round ${round}`).to.deep.equal([]);
      }
      expect(counts.paid, JSON.stringify(counts)).to.be.greaterThan(0);
      expect(counts.refunds, JSON.stringify(counts)).to.be.greaterThan(0);

      // An hour later: every unpaid order is past its pay timeout (the sweep asks WeChat Pay, then
      // closes it or records its payment) and every refund's next check is due.
      await startLater(3600);
      const settled = async () => {
        const open = await world.db('orders').where({ status: 1 }).count({ n: '*' });
        const processing = await world.db('refunds').where({ status: 1 }).count({ n: '*' });
        return Number(open[0]!.n) + Number(processing[0]!.n) === 0 && (await disagreementsWithWechatPay(world.db, world.sandbox.url)).length === 0;
      };
      for (let i = 0; i < 400 && !(await settled()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await world.kill(); // nothing left to do: the checks below read a database at rest
      expect(await world.db('orders').where({ status: 1 }).pluck('order_no'), 'orders left unpaid').to.deep.equal([]);
      expect(await world.db('refunds').where({ status: 1 }).pluck('out_refund_no'), 'refunds left processing').to.deep.equal([]);
      expect(await disagreementsWithWechatPay(world.db, world.sandbox.url)).to.deep.equal([]);
      expect(await violatedInvariants(world.db, initialStock)).to.deep.equal([]);
    });
  });
}
