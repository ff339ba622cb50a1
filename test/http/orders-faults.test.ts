import { expect } from 'chai';
import { pino } from 'pino';
import { SecretBox } from '../../adapters/crypto/secret-box.js';
import { HttpWechatPay } from '../../adapters/wechat-pay/http-wechat-pay.js';
import { DomainError, type Oper, type PrepayRequest, type RefundRequest, type WechatPay } from '../../core/index.js';
import { APP1 } from '../support/http-client.js';
import { Shopper, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

/** WeChat Pay through the sandbox, failing on demand as a timeout or a 5xx would (70012). */
class FlakyWechatPay implements WechatPay {
  inner: WechatPay | null = null;
  failing = false;

  private live(): WechatPay {
    if (this.failing) throw new DomainError(70012);
    return this.inner!;
  }

  prepay(oper: Oper, request: PrepayRequest) {
    return Promise.resolve().then(() => this.live().prepay(oper, request));
  }
  sdkConfig(oper: Oper, appid: string, prepayId: string) {
    return this.inner!.sdkConfig(oper, appid, prepayId);
  }
  query(oper: Oper, outTradeNo: string) {
    return Promise.resolve().then(() => this.live().query(oper, outTradeNo));
  }
  close(oper: Oper, outTradeNo: string) {
    return Promise.resolve().then(() => this.live().close(oper, outTradeNo));
  }
  refund(oper: Oper, request: RefundRequest) {
    return Promise.resolve().then(() => this.live().refund(oper, request));
  }
  queryRefund(oper: Oper, outRefundNo: string) {
    return Promise.resolve().then(() => this.live().queryRefund(oper, outRefundNo));
  }
  openPaymentNotice(...args: Parameters<WechatPay['openPaymentNotice']>) {
    return this.inner!.openPaymentNotice(...args);
  }
  openRefundNotice(...args: Parameters<WechatPay['openRefundNotice']>) {
    return this.inner!.openRefundNotice(...args);
  }
}

for (const database of testDatabases()) {
  describe(`WeChat Pay faults [${database.name}]`, () => {
    const flaky = new FlakyWechatPay();
    let server: TestServer;
    let demo: Shopper;

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0' }, { wechatPay: flaky }, database);
      flaky.inner = new HttpWechatPay({
        baseUrl: `${server.url}/wechat-sandbox`,
        timeoutMs: 2000,
        secrets: new SecretBox(server.config.secretKey),
        logger: pino({ level: 'silent' }),
      });
      demo = await Shopper.login(server, APP1, 'user');
    });
    after(async () => server?.close());

    it('keeps the order when the prepay fails: 70012 with order_no, then payable with /order/pay', async () => {
      flaky.failing = true;
      const answer = await demo.buy('双人涮肉套餐');
      flaky.failing = false;
      expect(answer.body.code).to.equal(70012);
      const orderNo = answer.body.data?.['order_no'];
      expect(orderNo).to.match(/^\d{24}$/);
      expect((await demo.detail(orderNo))['status']).to.equal(1);
      const pay = await demo.post('/order/pay', { order_no: orderNo });
      expect(pay.body.code).to.equal(0);
      await sandboxPays(server, orderNo);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
    });

    it('leaves an order paid when the refund call fails, and a retry refunds the same attempt once', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      await sandboxPays(server, orderNo);
      flaky.failing = true;
      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(70012);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
      flaky.failing = false;
      const retried = await demo.post('/order/refund', { order_no: orderNo });
      expect(retried.body.code).to.equal(0);
      expect((await demo.detail(orderNo))['status']).to.equal(6);
      expect(await server.db('refunds').where({ order_no: orderNo }).count({ n: '*' })).to.deep.equal([{ n: 1 }]);
    });

    it('completes on the next read, once the fault clears, a refund whose call failed', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      await sandboxPays(server, orderNo);
      flaky.failing = true;
      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(70012);
      flaky.failing = false;
      const detail = await demo.detail(orderNo);
      expect(detail['status']).to.equal(6);
      // One attempt, processing or (once WeChat's notification arrived) succeeded.
      const refunds = detail['refunds'] as Array<Record<string, unknown>>;
      expect(refunds).to.have.length(1);
      expect(refunds[0]!['status']).to.be.oneOf([1, 2]);
      expect((await demo.post('/order/refund', { order_no: orderNo })).body.code).to.equal(50002);
      expect(await server.db('refunds').where({ order_no: orderNo }).count({ n: '*' })).to.deep.equal([{ n: 1 }]);
    });

    it('leaves an order unpaid when closing the WeChat transaction fails on cancel', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      flaky.failing = true;
      expect((await demo.post('/order/cancel', { order_no: orderNo })).body.code).to.equal(70012);
      flaky.failing = false;
      expect((await demo.detail(orderNo))['status']).to.equal(1);
    });
  });
}
