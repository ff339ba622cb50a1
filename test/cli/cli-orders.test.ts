import { expect } from 'chai';
import { APP1 } from '../support/http-client.js';
import { Shopper, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import type { TestServer } from '../support/test-server.js';
import { type CliHarness, cliOnEmptyDatabase, startServerWithCli } from './cli-harness.js';

const COMMANDS = ['migrate', 'demo', 'import', 'redeem', 'order', 'reconcile'];

for (const base of testDatabases()) {
  describe(`npm run cli -- migrate and demo on an empty database [${base.name}]`, () => {
    let cli: CliHarness;
    before(async () => {
      cli = await cliOnEmptyDatabase(base);
    });
    after(() => cli?.dispose());

    it('creates the schema and the areas, then loads the demo data once', async () => {
      const migrate = await cli.run('migrate');
      expect(migrate, migrate.err).to.include({ code: 0 });
      expect(migrate.out).to.match(/: (\d+) migrations applied \(\1 in all\); \d{4} areas written/);
      const first = await cli.spawn('demo');
      expect(first, first.err).to.include({ code: 0 });
      expect(first.out).to.include('demo data loaded');
      const second = await cli.run('demo');
      expect(second.out).to.include('demo data not loaded');
    });

    it('refuses the demo data in production', async () => {
      const refused = await cli.withEnv({ APP_ENV: 'production', SECRET_KEY: Buffer.alloc(32, 9).toString('base64'), TENCENT_SMS_SECRET_ID: 'id', TENCENT_SMS_SECRET_KEY: 'k', TENCENT_SMS_SDK_APP_ID: '1', TENCENT_SMS_SIGN_NAME: 's', TENCENT_SMS_TEMPLATE_ID: '1', TENCENT_SMS_NOTIFY_TEMPLATE_ID: '2', PUBLIC_BASE_URL: 'https://api.example.com' }).spawn('demo');
      expect(refused.code).to.equal(1);
      expect(refused.err).to.include('error: the demo data is never loaded in production');
    });
  });

  describe(`npm run cli -- migrate, demo, redeem, order [${base.name}]`, () => {
    let server: TestServer;
    let cli: CliHarness;
    let demo: Shopper;

    before(async () => {
      ({ server, cli } = await startServerWithCli(base, { ORDER_SWEEP_SECONDS: '0', NOTICE_POLL_MS: '100', NOTICE_RETRY_MS: '100' }));
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => {
      await server?.close();
      cli?.dispose();
    });

    /** A paid order of `units` of the demo goods, with its codes and merchant. */
    const paidOrder = async (goods: string, units: number) => {
      const orderNo = (await demo.buy(goods, units)).body.data!['order_no'] as string;
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      const detail = await demo.detail(orderNo);
      expect(detail['status']).to.equal(4);
      return { orderNo, merchantId: detail['merchant_id'] as number, codes: detail['items'].map((item: { verify_code: string }) => item.verify_code) as string[] };
    };

    it('explains every command with --help, as its own process', async () => {
      const top = await cli.spawn('--help');
      expect(top.code).to.equal(0);
      for (const command of COMMANDS) expect(top.out).to.match(new RegExp(`^  ${command}\\b`, 'm'));
      for (const command of COMMANDS) {
        const help = await cli.run(command, '--help');
        expect(help.code, command).to.equal(0);
        expect(help.out, command).to.match(new RegExp(`^Usage: o2o-cli ${command}`));
      }
    });

    it('migrates (nothing left to do beside a running server) and leaves a database with opers to itself on demo', async () => {
      const migrate = await cli.run('migrate');
      expect(migrate, migrate.err).to.include({ code: 0 });
      expect(migrate.out).to.match(/schema already up to date \(\d+ in all\); \d+ areas written/);
      const demoRun = await cli.run('demo');
      expect(demoRun.out).to.include('the database has opers already: demo data not loaded');
    });

    it('redeems codes at the merchant that sold them, completing the order with the last one', async () => {
      const { orderNo, merchantId, codes } = await paidOrder('双人涮肉套餐', 2);
      const elsewhere = await cli.run('redeem', codes[0]!, '--merchant', String(merchantId + 1));
      expect(elsewhere.code).to.equal(1);
      expect(elsewhere.err).to.include(`error: code ${codes[0]} not redeemed: merchant ${merchantId + 1} sold no such code`);

      const first = await cli.run('redeem', codes[0]!, '--merchant', String(merchantId));
      expect(first, first.err).to.include({ code: 0 });
      expect(first.out).to.include(`1 code of order ${orderNo} left unused`);
      const again = await cli.spawn('redeem', codes[0]!, '--merchant', String(merchantId));
      expect(again.code).to.equal(1);
      expect(again.err).to.match(new RegExp(`error: code ${codes[0]} not redeemed: it was already redeemed at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(order ${orderNo}\\)`));

      const last = await cli.run('redeem', codes[1]!, '--merchant', String(merchantId));
      expect(last.out).to.include(`order ${orderNo} completed`);
      const detail = await demo.detail(orderNo);
      expect(detail['status']).to.equal(7);
      expect(detail['items'].map((item: { status: number }) => item.status)).to.deep.equal([2, 2]);
    });

    it('redeems a code once when three terminals redeem it at the same moment', async () => {
      const { orderNo, merchantId, codes } = await paidOrder('双人涮肉套餐', 1);
      const runs = await Promise.all([1, 2, 3].map(() => cli.spawn('redeem', codes[0]!, '--merchant', String(merchantId))));
      expect(runs.map((run) => run.code).sort(), runs.map((run) => run.err).join('\n')).to.deep.equal([0, 1, 1]);
      for (const run of runs.filter((r) => r.code === 1)) expect(run.err).to.match(/not redeemed: it was already redeemed|order \d+ is 7 completed/);
      expect((await demo.detail(orderNo))['status']).to.equal(7);
    });

    it('refuses a refunded code, and bad input, with exit code 1', async () => {
      const { orderNo, merchantId, codes } = await paidOrder('100元代金券', 1);
      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(0);
      const refunded = await cli.run('redeem', codes[0]!, '--merchant', String(merchantId));
      expect(refunded.code).to.equal(1);
      expect(refunded.err).to.include(`it was refunded (order ${orderNo}`);
      const malformed = await cli.run('redeem', '12345', '--merchant', String(merchantId));
      expect(malformed.err).to.include('verify_code must be 12 digits');
      const noMerchant = await cli.run('redeem', codes[0]!);
      expect(noMerchant.code).to.equal(1);
      expect(noMerchant.err).to.include("required option '--merchant <merchant_id>' not specified");
      const badMerchant = await cli.run('redeem', codes[0]!, '--merchant', '0x10');
      expect(badMerchant.code).to.equal(1);
      expect(badMerchant.err).to.include('must be a positive integer');
    });

    it("shows an order, its codes, its refund and WeChat Pay's view", async () => {
      const { orderNo, codes } = await paidOrder('100元代金券', 2);
      const text = await cli.run('order', orderNo);
      expect(text, text.err).to.include({ code: 0 });
      expect(text.out).to.match(/status\s+4 paid/);
      for (const code of codes) expect(text.out).to.include(`verify_code=${code}  status=1 unused`);
      expect(text.out).to.match(/wechat pay\n  trade_state=SUCCESS  transaction_id=\S+  amount=\S+/);

      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(0);
      const json = await cli.run('order', orderNo, '--json');
      const view = JSON.parse(json.out) as Record<string, any>;
      expect(view['order']).to.include({ order_no: orderNo, status: '6 refunded (已退款)' });
      expect(view['codes'].map((c: { status: string }) => c.status)).to.deep.equal(['3 refunded (已退款)', '3 refunded (已退款)']);
      expect(view['refunds']).to.have.length(1);
      expect(view['refunds'][0]).to.include({ amount: view['order']['pay_price'] });
      expect(view['wechat_pay']).to.include({ trade_state: 'REFUND' });
    });

    it('shows the purchase notice: pending after a refusal, with its error code and next attempt, then sent; never its codes', async () => {
      const smsFaults = (method: string, body?: object) =>
        fetch(`${server.url}/wechat-sandbox/sms/faults`, { method, headers: { 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      const noticeOf = async (orderNo: string) => (JSON.parse((await cli.run('order', orderNo, '--json')).out) as { purchase_notice: Record<string, unknown> | null }).purchase_notice;
      const until = async (orderNo: string, done: (notice: Record<string, unknown> | null) => boolean) => {
        for (let tries = 0; tries < 200; tries += 1) {
          const notice = await noticeOf(orderNo);
          if (done(notice)) return notice!;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`the notice of ${orderNo} never got there: ${JSON.stringify(await noticeOf(orderNo))}`);
      };
      const unpaid = (await demo.buy('100元代金券', 1)).body.data!['order_no'] as string;
      expect(await noticeOf(unpaid)).to.equal(null);
      expect((await cli.run('order', unpaid)).out).to.match(/purchase notice\n {2}none/);

      expect((await smsFaults('POST', { fault: 'LimitExceeded.PhoneNumberDailyLimit', times: 1000, mobile: '13800138000' })).status).to.equal(200);
      let codes: string[];
      let orderNo: string;
      try {
        ({ orderNo, codes } = await paidOrder('100元代金券', 2));
        const pending = await until(orderNo, (notice) => typeof notice?.['last_error'] === 'string');
        expect(pending).to.include({ status: 'pending', mobile: '138****8000', sms_sent: '0/2', last_error: 'LimitExceeded.PhoneNumberDailyLimit' });
        expect(pending['next_attempt_at']).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      } finally {
        await smsFaults('DELETE');
      }
      const sent = await until(orderNo, (notice) => notice?.['status'] === 'sent');
      expect(sent).to.include({ sms_sent: '2/2', next_attempt_at: null });
      expect(sent['sent_at']).to.be.a('string');
      const text = (await cli.run('order', orderNo)).out;
      const noticeLine = text.split('\n')[text.split('\n').indexOf('purchase notice') + 1]!;
      expect(noticeLine).to.match(/^ {2}status=sent {2}mobile=138\*{4}8000 {2}sms_sent=2\/2 {2}attempts=\d+/);
      for (const code of codes) expect(JSON.stringify(sent) + noticeLine).not.to.include(code);
    });

    it('says so when there is no such order', async () => {
      const missing = await cli.run('order', '20990101000000000000');
      expect(missing.code).to.equal(1);
      expect(missing.err).to.include('error: no order 20990101000000000000');
    });
  });
}
