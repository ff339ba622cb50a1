import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpWechatPay } from '../../../adapters/wechat-pay/http-wechat-pay.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { RefundRefused, TransactionPaid } from '../../../core/ordering/wechat-pay.js';
import { FakeClock } from '../../support/fake-clock.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { type FakeAnswer, PREFIX, type ReceivedCall, startFakeWechatPayServer } from './fake-wechat-pay-server.js';
import { APPID, MCHID, MERCHANT_SERIAL, payOper } from './wechat-pay-fixtures.js';

const NO = '20261128100000123456';
const transaction = (state: string) => ({
  appid: APPID,
  mchid: MCHID,
  out_trade_no: NO,
  transaction_id: '4200000000202611280000000001',
  trade_state: state,
  success_time: '2026-11-28T10:05:06+08:00',
  amount: { total: 2990, payer_total: 2990, currency: 'CNY' },
  payer: { openid: 'o-payer-1' },
});

describe('HttpWechatPay calls (a local WeChat Pay verifies every request)', () => {
  const secrets = new SecretBox(randomBytes(32));
  const oper = payOper(secrets);
  const clock = new FakeClock('2026-11-28T02:00:00.000Z');
  let fake: Awaited<ReturnType<typeof startFakeWechatPayServer>>;
  let answer: (call: ReceivedCall) => FakeAnswer;
  let log: CapturedLogger;
  const pay = (baseUrl = fake.url) => new HttpWechatPay({ baseUrl, timeoutMs: 2000, secrets, logger: log.logger, clock });
  const only = (): ReceivedCall => {
    expect(fake.calls).to.have.length(1);
    expect(fake.calls[0]!.authRefusal).to.equal(null);
    return fake.calls[0]!;
  };
  const prepayRequest = {
    appid: APPID,
    outTradeNo: NO,
    description: '双人套餐 x2',
    amountFen: 2990,
    payerOpenId: 'o-payer-1',
    expiresAt: new Date('2026-11-28T02:30:00.000Z'),
    notifyUrl: 'http://127.0.0.1:3000/api/wechat/pay/notify/7',
  };

  before(async () => {
    fake = await startFakeWechatPayServer(() => clock.now(), (call) => answer(call));
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    log = capturedLogger();
  });

  it('prepays over JSAPI with a body as documented, signed over /v3/… without the base prefix', async () => {
    answer = () => ({ status: 200, body: { prepay_id: 'wx28100000000000000000000000000001' } });
    expect(await pay().prepay(oper, prepayRequest)).to.deep.equal({ prepayId: 'wx28100000000000000000000000000001' });
    const call = only();
    expect(call.method).to.equal('POST');
    expect(call.path).to.equal('/v3/pay/transactions/jsapi');
    expect(call.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(call.body)).to.deep.equal({
      appid: APPID,
      mchid: MCHID,
      description: '双人套餐 x2',
      out_trade_no: NO,
      time_expire: '2026-11-28T10:30:00+08:00',
      notify_url: 'http://127.0.0.1:3000/api/wechat/pay/notify/7',
      amount: { total: 2990, currency: 'CNY' },
      payer: { openid: 'o-payer-1' },
    });
    expect(call.headers.authorization).to.match(
      new RegExp(`^WECHATPAY2-SHA256-RSA2048 mchid="${MCHID}",nonce_str="[0-9A-F]{32}",signature="[A-Za-z0-9+/=]{344}",timestamp="${clock.now().getTime() / 1000}",serial_no="${MERCHANT_SERIAL}"$`),
    );
  });

  it('also works against a base URL without a prefix (and with a trailing slash)', async () => {
    answer = () => ({ status: 200, body: { prepay_id: 'wx-1' } });
    await pay(`${fake.url.slice(0, -PREFIX.length)}/`).prepay(oper, prepayRequest);
    expect(only().path).to.equal('/v3/pay/transactions/jsapi');
  });

  it('repeats a prepay with the same body and a fresh nonce, so WeChat answers the same prepay_id', async () => {
    answer = () => ({ status: 200, body: { prepay_id: 'wx-1' } });
    await pay().prepay(oper, prepayRequest);
    await pay().prepay(oper, prepayRequest);
    const [first, second] = fake.calls;
    expect(second!.body).to.equal(first!.body);
    expect(second!.headers.authorization).not.to.equal(first!.headers.authorization);
  });

  it('queries by out_trade_no and reads a SUCCESS transaction as the payment', async () => {
    answer = () => ({ status: 200, body: transaction('SUCCESS') });
    expect(await pay().query(oper, NO)).to.deep.equal({
      tradeState: 'SUCCESS',
      payment: {
        mchid: MCHID,
        appid: APPID,
        outTradeNo: NO,
        transactionId: '4200000000202611280000000001',
        tradeState: 'SUCCESS',
        amountFen: 2990,
        payerOpenId: 'o-payer-1',
        successTime: new Date('2026-11-28T02:05:06.000Z'),
      },
    });
    const call = only();
    expect([call.method, call.path, call.body]).to.deep.equal(['GET', `/v3/pay/transactions/out-trade-no/${NO}?mchid=${MCHID}`, '']);
  });

  it('queries an unpaid transaction as its state without a payment', async () => {
    answer = () => ({ status: 200, body: { appid: APPID, mchid: MCHID, out_trade_no: NO, trade_state: 'NOTPAY', amount: { currency: 'CNY' } } });
    expect(await pay().query(oper, NO)).to.deep.equal({ tradeState: 'NOTPAY', payment: null });
  });

  it('queries a transaction WeChat never saw (404 ORDER_NOT_EXIST) as NOTPAY', async () => {
    answer = () => ({ status: 404, body: { code: 'ORDER_NOT_EXIST', message: '订单不存在' } });
    expect(await pay().query(oper, NO)).to.deep.equal({ tradeState: 'NOTPAY', payment: null });
  });

  it('refuses a SUCCESS answer that is not a whole transaction (70012)', async () => {
    answer = () => ({ status: 200, body: { ...transaction('SUCCESS'), amount: { currency: 'CNY' } } });
    const error = await caught(pay().query(oper, NO));
    expect(error).to.be.instanceOf(DomainError).with.property('code', 70012);
  });

  it('closes with {mchid} and accepts the signed 204', async () => {
    answer = () => ({ status: 204 });
    await pay().close(oper, NO);
    const call = only();
    expect([call.method, call.path, JSON.parse(call.body)]).to.deep.equal([
      'POST',
      `/v3/pay/transactions/out-trade-no/${NO}/close`,
      { mchid: MCHID },
    ]);
  });

  for (const [status, code] of [[400, 'ORDER_CLOSED'], [404, 'ORDER_NOT_EXIST']] as const) {
    it(`closes quietly when WeChat answers ${status} ${code}`, async () => {
      answer = () => ({ status, body: { code, message: '…' } });
      await pay().close(oper, NO);
      expect(log.entries().at(-1)).to.include({ code, status });
    });
  }

  it('refunds with the documented body', async () => {
    answer = () => ({ status: 200, body: refundAnswer('PROCESSING', { refund_id: '50000000382019052709732678859' }) });
    const accepted = await pay().refund(oper, {
      outTradeNo: NO,
      outRefundNo: 'R1',
      refundFen: 990,
      totalFen: 2990,
      reason: '用户申请退款',
      notifyUrl: 'http://127.0.0.1:3000/api/wechat/refund/notify/7',
    });
    expect(accepted).to.deep.equal({ outTradeNo: NO, outRefundNo: 'R1', refundId: '50000000382019052709732678859', state: 'PROCESSING', refundFen: 990 });
    const call = only();
    expect([call.method, call.path]).to.deep.equal(['POST', '/v3/refund/domestic/refunds']);
    expect(JSON.parse(call.body)).to.deep.equal({
      out_trade_no: NO,
      out_refund_no: 'R1',
      reason: '用户申请退款',
      notify_url: 'http://127.0.0.1:3000/api/wechat/refund/notify/7',
      amount: { refund: 990, total: 2990, currency: 'CNY' },
    });
  });

  for (const [status, state] of [['SUCCESS', 'SUCCESS'], ['PROCESSING', 'PROCESSING'], ['ABNORMAL', 'FAILED'], ['CLOSED', 'FAILED']] as const) {
    it(`reads refund status ${status} as ${state}`, async () => {
      answer = () => ({ status: 200, body: refundAnswer(status, { amount: { refund: 1, total: 1 } }) });
      const request = { outTradeNo: NO, outRefundNo: 'R1', refundFen: 1, totalFen: 1, reason: '', notifyUrl: 'http://x/n' };
      expect(await pay().refund(oper, request)).to.deep.equal({ outTradeNo: NO, outRefundNo: 'R1', refundId: 'RID', state, refundFen: 1 });
      expect(JSON.parse(only().body)).not.to.have.property('reason');
    });
  }

  for (const code of ['NOT_ENOUGH', 'USER_ACCOUNT_ABNORMAL', 'INVALID_REQUEST']) {
    it(`throws RefundRefused when WeChat refuses a refund for good (403/400 ${code})`, async () => {
      answer = () => ({ status: code === 'INVALID_REQUEST' ? 400 : 403, body: { code, message: '…' } });
      const request = { outTradeNo: NO, outRefundNo: 'R1', refundFen: 1, totalFen: 1, reason: '', notifyUrl: 'http://x/n' };
      const error = await caught(pay().refund(oper, request));
      expect(error).to.be.instanceOf(RefundRefused).with.property('wechatCode', code);
    });
  }

  it('throws TransactionPaid when a prepay meets 400 ORDER_PAID (the payer paid already)', async () => {
    answer = () => ({ status: 400, body: { code: 'ORDER_PAID', message: '订单已支付' } });
    expect(await caught(pay().prepay(oper, prepayRequest))).to.be.instanceOf(TransactionPaid);
  });

  it('closes into `paid` when WeChat answers 400 ORDER_PAID (the payer won the race)', async () => {
    answer = () => ({ status: 400, body: { code: 'ORDER_PAID', message: '订单已支付' } });
    expect(await pay().close(oper, NO)).to.equal('paid');
    answer = () => ({ status: 204 });
    expect(await pay().close(oper, NO)).to.equal('closed');
  });

  it('queries a refund by out_refund_no, and one WeChat never received (404 RESOURCE_NOT_EXISTS) as null', async () => {
    answer = () => ({ status: 200, body: refundAnswer('CLOSED', { amount: { refund: 990, total: 2990 } }) });
    expect(await pay().queryRefund(oper, 'R1')).to.deep.equal({ outTradeNo: NO, outRefundNo: 'R1', refundId: 'RID', state: 'FAILED', refundFen: 990 });
    expect([only().method, only().path, only().body]).to.deep.equal(['GET', '/v3/refund/domestic/refunds/R1', '']);
    answer = () => ({ status: 404, body: { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' } });
    expect(await pay().queryRefund(oper, 'R1')).to.equal(null);
  });

  it('refuses a refund answer of another out_refund_no (70012)', async () => {
    answer = () => ({ status: 200, body: { ...refundAnswer('SUCCESS'), out_refund_no: 'R2' } });
    expect(await caught(pay().queryRefund(oper, 'R1'))).to.be.instanceOf(DomainError).with.property('code', 70012);
  });
});

/** A refund as WeChat Pay answers its creation or query. */
function refundAnswer(status: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    refund_id: 'RID', out_refund_no: 'R1', transaction_id: '4200000000202611280000000001', out_trade_no: NO,
    channel: 'ORIGINAL', status, amount: { refund: 990, total: 2990, payer_total: 2990, payer_refund: 990, currency: 'CNY' },
    ...overrides,
  };
}
