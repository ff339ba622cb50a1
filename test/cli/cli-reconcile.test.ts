import { expect } from 'chai';
import { APP1 } from '../support/http-client.js';
import { Shopper, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import type { TestServer } from '../support/test-server.js';
import { type CliHarness, type CliRun, startServerWithCli } from './cli-harness.js';

interface PassView {
  scope: 'all' | 'due';
  orders: { checked: number; paid: number };
  refunds: { checked: number; settled: number };
  expired_orders: { closed: number; paid: number; skipped: number };
  failed: number;
  problems: Array<{ level: string; order_no: string; out_refund_no?: string; what: string; reason?: string }>;
}

const passOf = (run: CliRun): PassView => {
  expect(run, run.err).to.include({ code: 0 });
  return JSON.parse(run.out) as PassView;
};

for (const base of testDatabases()) {
  describe(`npm run cli -- reconcile [${base.name}]`, () => {
    let server: TestServer;
    let cli: CliHarness;
    let demo: Shopper;

    before(async () => {
      // The server's own jobs are off, so that what the CLI finds is the CLI's doing.
      ({ server, cli } = await startServerWithCli(base, { ORDER_SWEEP_SECONDS: '0', RECONCILE_SECONDS: '0' }));
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => {
      await server?.close();
      cli?.dispose();
    });

    const sandbox = (path: string, method: string, body?: object) =>
      fetch(`${server.url}/wechat-sandbox/pay${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    /** An order bought in its mini program (a prepay asked for) and paid at WeChat without a notification. */
    const paidWithoutNotice = async () => {
      const orderNo = (await demo.buy('100元代金券', 1)).body.data!['order_no'] as string;
      expect((await sandboxPays(server, orderNo, { notify: false })).status).to.equal(200);
      return orderNo;
    };
    /** The order's status as the CLI shows it (which records nothing). */
    const statusOf = async (orderNo: string) => (JSON.parse((await cli.run('order', orderNo, '--json')).out) as { order: { status: string } }).order.status;

    it('finds a payment whose notification was lost, now (--due waits for its check to be due)', async () => {
      const orderNo = await paidWithoutNotice();
      const due = passOf(await cli.run('reconcile', '--due', '--json'));
      expect(due).to.deep.include({ scope: 'due', orders: { checked: 0, paid: 0 }, failed: 0 });
      expect(await statusOf(orderNo)).to.equal('1 unpaid (未支付)');

      const text = await cli.spawn('reconcile');
      expect(text, text.err).to.include({ code: 0 });
      expect(text.out).to.match(/^reconciled with WeChat Pay on .+ \(everything unsettled\)$/m);
      expect(text.out).to.match(/^ {2}unpaid orders {3}1 checked, 1 found paid$/m);
      expect(text.out).to.include('problems (0)');
      expect(await statusOf(orderNo)).to.equal('4 paid (已付款)');
      const detail = await demo.detail(orderNo);
      expect(detail['status']).to.equal(4);
      expect(detail['items']).to.have.length(1);

      expect(passOf(await cli.run('reconcile', '--json'))).to.deep.include({ orders: { checked: 0, paid: 0 } });
    });

    it('settles a refund whose outcome was never notified', async () => {
      const orderNo = (await demo.buy('100元代金券', 1)).body.data!['order_no'] as string;
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
      expect((await sandbox(`/${orderNo}/refund-outcome`, 'POST', { status: 'PROCESSING' })).status).to.equal(200);
      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(0);
      expect((await sandbox(`/${orderNo}/refund-outcome`, 'POST', { status: 'SUCCESS', notify: false })).status).to.equal(200);

      const pass = passOf(await cli.run('reconcile', '--json'));
      expect(pass).to.deep.include({ refunds: { checked: 1, settled: 1 }, failed: 0 });
      const view = JSON.parse((await cli.run('order', orderNo, '--json')).out) as { refunds: Array<{ status: string }> };
      expect(view.refunds.map((r) => r.status)).to.deep.equal(['2 succeeded']);
    });

    it('names the orders it could not check, exits 0 because the pass ran, and finds them at the next pass', async () => {
      const orderNo = await paidWithoutNotice();
      expect((await sandbox('/faults', 'POST', { api: 'query', fault: '500', times: 10 })).status).to.equal(200);
      try {
        const text = await cli.run('reconcile');
        expect(text, text.err).to.include({ code: 0 });
        expect(text.out).to.match(/^ {2}failed {10}1$/m);
        expect(text.out).to.match(new RegExp(`^ {2}warn {2}order ${orderNo}: reconciliation check failed \\(70012 `, 'm'));
      } finally {
        await sandbox('/faults', 'DELETE');
      }
      // The next pass that may check it again (one of everything leaves what was checked in the last 5 s) records it.
      let found = 0;
      for (let pass = 0; found === 0 && pass < 60; pass += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        found = passOf(await cli.run('reconcile', '--json')).orders.paid;
      }
      expect(found).to.equal(1);
      expect(await statusOf(orderNo)).to.equal('4 paid (已付款)');
    });

    it('checks each lost payment once when three passes run at the same time, beside the server', async () => {
      const orderNos = [await paidWithoutNotice(), await paidWithoutNotice(), await paidWithoutNotice()];
      const passes = (await Promise.all([1, 2, 3].map(() => cli.spawn('reconcile', '--json')))).map(passOf);
      expect(passes.reduce((n, p) => n + p.orders.checked, 0)).to.equal(3);
      expect(passes.reduce((n, p) => n + p.orders.paid, 0)).to.equal(3);
      for (const orderNo of orderNos) expect(await statusOf(orderNo)).to.equal('4 paid (已付款)');
    });

    it('exits 1 with the reason when it cannot run (the database is unreachable)', async () => {
      const url = base.name === 'sqlite' ? `sqlite:${cli.folder}/no/such/folder/o2o.sqlite` : 'mysql://o2o:not-the-password@127.0.0.1:1/o2o';
      const failed = await cli.withEnv({ DATABASE_URL: url }).spawn('reconcile');
      expect(failed.code).to.equal(1);
      expect(failed.err).to.match(/^error: reconciliation could not run on /m);
      expect(failed.err).not.to.include('not-the-password');
    });
  });
}
