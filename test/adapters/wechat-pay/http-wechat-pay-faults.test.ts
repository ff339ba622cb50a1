import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpWechatPay } from '../../../adapters/wechat-pay/http-wechat-pay.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import type { Oper } from '../../../core/tenancy/oper.js';
import { FakeClock } from '../../support/fake-clock.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { startLocalHttpServer } from '../support/local-http-server.js';
import { type FakeAnswer, startFakeWechatPayServer } from './fake-wechat-pay-server.js';
import { API_V3_KEY, APPID, merchantKeys, payOper, rsaKeyPair } from './wechat-pay-fixtures.js';

const NO = '20261128100000123456';
const CALLS: ReadonlyArray<readonly [string, (pay: HttpWechatPay, oper: Oper) => Promise<unknown>]> = [
  ['prepay', (pay, oper) => pay.prepay(oper, {
    appid: APPID, outTradeNo: NO, description: 'd', amountFen: 1, payerOpenId: 'o',
    expiresAt: new Date('2026-11-28T02:30:00Z'), notifyUrl: 'http://127.0.0.1/n',
  })],
  ['query', (pay, oper) => pay.query(oper, NO)],
  ['close', (pay, oper) => pay.close(oper, NO)],
  ['refund', (pay, oper) => pay.refund(oper, {
    outTradeNo: NO, outRefundNo: 'R1', refundFen: 1, totalFen: 1, reason: 'r', notifyUrl: 'http://127.0.0.1/n',
  })],
  ['refund-query', (pay, oper) => pay.queryRefund(oper, 'R1')],
];
/** A good 2xx body for each call, so that only the fault under test can fail it. */
const GOOD: Record<string, FakeAnswer> = {
  prepay: { status: 200, body: { prepay_id: 'wx-1' } },
  query: { status: 200, body: { out_trade_no: NO, trade_state: 'NOTPAY' } },
  close: { status: 204 },
  refund: { status: 200, body: { refund_id: 'RID', out_refund_no: 'R1', out_trade_no: NO, status: 'SUCCESS', amount: { refund: 1, total: 1 } } },
  'refund-query': { status: 200, body: { refund_id: 'RID', out_refund_no: 'R1', out_trade_no: NO, status: 'PROCESSING', amount: { refund: 1, total: 1 } } },
};
const FAULTS: ReadonlyArray<readonly [string, (good: FakeAnswer) => FakeAnswer, Record<string, unknown>]> = [
  ['a 500 SYSTEM_ERROR', () => ({ status: 500, body: { code: 'SYSTEM_ERROR', message: '系统错误' } }), { status: 500, code: 'SYSTEM_ERROR' }],
  ['a 502 that is not JSON', () => ({ status: 502, body: '<html>bad gateway</html>' }), { status: 502 }],
  ['a 400 PARAM_ERROR', () => ({ status: 400, body: { code: 'PARAM_ERROR', message: '参数错误' } }), { code: 'PARAM_ERROR', message: '参数错误' }],
  ['a 403 OUT_TRADE_NO_USED', () => ({ status: 403, body: { code: 'OUT_TRADE_NO_USED', message: '商户订单号重复' } }), { code: 'OUT_TRADE_NO_USED' }],
  ['a 2xx that is not JSON', () => ({ status: 200, body: 'OK' }), { reason: 'answer is not a JSON object' }],
  ['an unsigned 2xx', (good) => ({ ...good, sign: 'none' }), { refusal: 'no Wechatpay-Signature' }],
  ['a 2xx signed by another key', (good) => ({ ...good, sign: 'other-key' }), { refusal: 'Wechatpay-Signature does not verify' }],
  ['a 2xx under another serial', (good) => ({ ...good, sign: 'other-serial' }), { refusal: 'Wechatpay-Serial is not the platform key of the oper' }],
  ['a 2xx signed 301 s ago', (good) => ({ ...good, sign: 'stale' }), { refusal: 'Wechatpay-Timestamp is outside the 5-minute window' }],
  ['a 2xx altered after signing', (good) => ({ ...good, body: { ...(good.body as object), total: 1 }, sign: 'tampered' }), { reason: 'answer signature refused' }],
  ['no answer within timeoutMs', () => ({ status: 200, hang: true }), { reason: 'timeout' }],
];

describe('HttpWechatPay faults (every one is 70012, logged)', () => {
  const secrets = new SecretBox(randomBytes(32));
  const oper = payOper(secrets);
  const clock = new FakeClock('2026-11-28T02:00:00.000Z');
  let fake: Awaited<ReturnType<typeof startFakeWechatPayServer>>;
  let fault: (good: FakeAnswer) => FakeAnswer;
  let operation: string;
  let log: CapturedLogger;
  const pay = (baseUrl = fake.url) => new HttpWechatPay({ baseUrl, timeoutMs: 200, secrets, logger: log.logger, clock });
  const unavailable = async (promise: Promise<unknown>): Promise<Record<string, unknown>> => {
    const error = await caught(promise);
    expect(error).to.be.instanceOf(DomainError);
    expect(error).to.include({ code: 70012, message: '微信接口调用失败' });
    return log.entries().at(-1)!;
  };

  before(async () => {
    fake = await startFakeWechatPayServer(() => clock.now(), () => fault(GOOD[operation]!));
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    log = capturedLogger();
  });

  for (const [name, call] of CALLS) {
    describe(name, () => {
      it('succeeds on the good answer (so each fault below is what fails it)', async () => {
        [operation, fault] = [name, (good) => good];
        await call(pay(), oper);
        expect(log.entries().at(-1)).to.include({ operation: name, operId: oper.id, level: 30 });
      });

      for (const [faultName, make, logged] of FAULTS) {
        it(`answers ${faultName} with 70012`, async () => {
          [operation, fault] = [name, make];
          const entry = await unavailable(call(pay(), oper));
          expect(entry).to.include({ operation: name, operId: oper.id, ...logged });
          expect(entry.level).to.be.at.least(40);
          expect(fake.calls.every((c) => c.authRefusal === null)).to.equal(true);
        });
      }

      it('answers 70012 when WeChat Pay cannot be reached', async () => {
        const closed = await startLocalHttpServer(() => undefined);
        await closed.close();
        expect(await unavailable(call(pay(closed.url), oper))).to.include({ reason: 'network', code: 'ECONNREFUSED' });
      });

      it('answers 70012 for an oper without a WeChat Pay account, calling nobody', async () => {
        expect(await unavailable(call(pay(), { ...oper, pay: null }))).to.include({ reason: 'the oper has no WeChat Pay account' });
        expect(fake.calls).to.have.length(0);
      });
    });
  }

  it('answers 70012 when WeChat Pay refuses the request signature (401 SIGN_ERROR)', async () => {
    const impostor = { ...oper, pay: { ...oper.pay!, sealedPrivateKey: secrets.seal(rsaKeyPair().privateKeyPem) } };
    [operation, fault] = ['prepay', (good) => good];
    expect(await unavailable(CALLS[0]![1](pay(), impostor))).to.include({ status: 401, code: 'SIGN_ERROR' });
    expect(fake.calls[0]!.authRefusal).to.equal('signature does not verify');
  });

  for (const [name, body] of [['prepay', {}], ['query', { trade_state: '' }], ['refund', { refund_id: 'RID', status: 'PENDING' }]] as const) {
    it(`answers 70012 to a signed ${name} answer without what it needs`, async () => {
      [operation, fault] = [name, () => ({ status: 200, body })];
      const call = CALLS.find(([n]) => n === name)![1];
      expect(await unavailable(call(pay(), oper))).to.include({ operation: name, operId: oper.id });
    });
  }

  it('never logs or throws the merchant key, the API v3 key or a request signature', async () => {
    const texts: string[] = [];
    for (const [name, call] of CALLS) {
      for (const [, make] of FAULTS.slice(0, 6)) {
        [operation, fault] = [name, make];
        const error = await call(pay(), oper).catch((e: unknown) => e);
        texts.push(error instanceof Error ? `${error.message} ${error.stack}` : JSON.stringify(error));
      }
    }
    const signatures = fake.calls.map((c) => /signature="([^"]+)"/.exec(c.headers.authorization ?? '')![1]!);
    const keyLine = merchantKeys.privateKeyPem.split('\n')[1]!;
    for (const text of [log.text(), ...texts]) {
      for (const secret of [keyLine, API_V3_KEY, ...signatures]) expect(text).not.to.include(secret);
    }
    expect(log.entries()).to.have.length(CALLS.length * 6);
  });
});
