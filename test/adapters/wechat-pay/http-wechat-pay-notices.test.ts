import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpWechatPay } from '../../../adapters/wechat-pay/http-wechat-pay.js';
import { NotificationRejected, type RawNotification } from '../../../core/ordering/wechat-pay.js';
import { FakeClock } from '../../support/fake-clock.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { API_V3_KEY, APPID, MCHID, encryptResource, merchantKeys, payOper, platformHeaders, rsaKeyPair, signedNotification } from './wechat-pay-fixtures.js';

const transaction = {
  appid: APPID,
  mchid: MCHID,
  out_trade_no: '20261128100000123456',
  transaction_id: '4200000000202611280000000001',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'OTHERS',
  success_time: '2026-11-28T10:05:06+08:00',
  payer: { openid: 'o-payer-1' },
  amount: { total: 2990, payer_total: 2990, currency: 'CNY', payer_currency: 'CNY' },
};
const refund = {
  mchid: MCHID,
  out_trade_no: '20261128100000123456',
  transaction_id: '4200000000202611280000000001',
  out_refund_no: 'R20261128000001',
  refund_id: '50000000382019052709732678859',
  refund_status: 'SUCCESS',
  success_time: '2026-11-28T11:00:00+08:00',
  user_received_account: '支付用户零钱',
  amount: { total: 2990, refund: 990, payer_total: 2990, payer_refund: 990 },
};

describe('HttpWechatPay notifications (hand-built with node:crypto, opened by the adapter)', () => {
  const secrets = new SecretBox(randomBytes(32));
  const oper = payOper(secrets);
  const clock = new FakeClock('2026-11-28T02:10:00.000Z');
  const now = () => Math.floor(clock.now().getTime() / 1000);
  let log: CapturedLogger;
  const pay = () => new HttpWechatPay({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, secrets, logger: log.logger, clock });
  const paymentNotice = (plain: object = transaction, options: Parameters<typeof encryptResource>[1] = {}) =>
    signedNotification(encryptResource(plain, options), { timestamp: now() });
  const rejected = (open: () => unknown, reason: string | RegExp) => {
    expect(open).to.throw(NotificationRejected, reason);
    expect(log.entries().at(-1)).to.include({ operId: oper.id, level: 40 });
    expect(log.entries().at(-1)!.reason).to.match(typeof reason === 'string' ? new RegExp(reason) : reason);
  };

  beforeEach(() => {
    log = capturedLogger();
  });

  it('opens a genuine payment notification into the payment it reports', () => {
    expect(pay().openPaymentNotice(oper, paymentNotice())).to.deep.equal({
      mchid: MCHID,
      appid: APPID,
      outTradeNo: '20261128100000123456',
      transactionId: '4200000000202611280000000001',
      tradeState: 'SUCCESS',
      amountFen: 2990,
      payerOpenId: 'o-payer-1',
      successTime: new Date('2026-11-28T02:05:06.000Z'),
    });
  });

  it('reads the headers whatever their case (node gives them lower-cased)', () => {
    const notice = paymentNotice();
    const lower = Object.fromEntries(Object.entries(notice.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const upper = Object.fromEntries(Object.entries(notice.headers).map(([k, v]) => [k.toUpperCase(), v]));
    for (const headers of [lower, upper]) expect(pay().openPaymentNotice(oper, { ...notice, headers }).amountFen).to.equal(2990);
  });

  it('accepts an empty associated_data and a timestamp 299 s old', () => {
    const notice = signedNotification(encryptResource(transaction, { associatedData: '' }), { timestamp: now() - 299 });
    expect(pay().openPaymentNotice(oper, notice).outTradeNo).to.equal('20261128100000123456');
  });

  for (const [status, state] of [['SUCCESS', 'SUCCESS'], ['ABNORMAL', 'FAILED'], ['CLOSED', 'FAILED']] as const) {
    it(`opens a refund notification reporting ${status} as ${state}`, () => {
      const resource = encryptResource({ ...refund, refund_status: status }, { originalType: 'refund', associatedData: 'refund' });
      const notice = signedNotification(resource, { timestamp: now(), eventType: `REFUND.${status}` });
      expect(pay().openRefundNotice(oper, notice)).to.deep.equal({
        outTradeNo: '20261128100000123456',
        outRefundNo: 'R20261128000001',
        refundId: '50000000382019052709732678859',
        state,
        refundFen: 990,
      });
    });
  }

  it('rejects a body altered after signing', () => {
    const notice = paymentNotice();
    rejected(() => pay().openPaymentNotice(oper, { ...notice, body: notice.body.replace('"id":"EV', '"id":"XV') }), 'does not verify');
  });

  it('rejects a signature by another key', () => {
    const notice = signedNotification(encryptResource(transaction), { timestamp: now(), signingKey: rsaKeyPair().privateKeyPem });
    rejected(() => pay().openPaymentNotice(oper, notice), 'does not verify');
  });

  it('rejects a notification under another platform serial', () => {
    const notice = signedNotification(encryptResource(transaction), { timestamp: now(), serial: 'PUB_KEY_ID_OTHER' });
    rejected(() => pay().openPaymentNotice(oper, notice), 'Wechatpay-Serial');
  });

  for (const offset of [-301, +301, -86_400]) {
    it(`rejects a timestamp ${offset} s away from the clock (replay window)`, () => {
      const notice = signedNotification(encryptResource(transaction), { timestamp: now() + offset });
      rejected(() => pay().openPaymentNotice(oper, notice), '5-minute window');
    });
  }

  for (const header of ['Wechatpay-Signature', 'Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Serial']) {
    it(`rejects a notification without ${header}`, () => {
      const notice = paymentNotice();
      const headers: Record<string, string | undefined> = { ...notice.headers, [header]: undefined };
      rejected(() => pay().openPaymentNotice(oper, { ...notice, headers }), /Wechatpay-/);
    });
  }

  it('rejects a resource encrypted under another API v3 key', () => {
    rejected(() => pay().openPaymentNotice(oper, paymentNotice(transaction, { key: 'Zz3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f' })), 'does not decrypt');
  });

  it('rejects a resource when the oper holds another API v3 key', () => {
    const other = payOper(secrets, 'Zz3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f');
    rejected(() => pay().openPaymentNotice(other, paymentNotice()), 'does not decrypt');
  });

  const resign = (notice: RawNotification, change: (resource: Record<string, string>) => void) => {
    const body = JSON.parse(notice.body) as { resource: Record<string, string> };
    change(body.resource);
    return signedNotification(body.resource, { timestamp: now() });
  };
  const flip = (base64: string) => {
    const bytes = Buffer.from(base64, 'base64');
    bytes[3] = bytes[3]! ^ 1;
    return bytes.toString('base64');
  };
  for (const [name, change, reason] of [
    ['a flipped ciphertext byte', (r: Record<string, string>) => (r.ciphertext = flip(r.ciphertext!)), 'does not decrypt'],
    ['other associated_data', (r: Record<string, string>) => (r.associated_data = 'refund'), 'does not decrypt'],
    ['a nonce of 16 characters', (r: Record<string, string>) => (r.nonce = `${r.nonce}abcd`), 'nonce'],
    ['another algorithm', (r: Record<string, string>) => (r.algorithm = 'AEAD_AES_128_GCM'), 'AEAD_AES_256_GCM'],
    ['a ciphertext that is not base64', (r: Record<string, string>) => (r.ciphertext = '%%%%'), 'base64'],
    ['a ciphertext shorter than the tag', (r: Record<string, string>) => (r.ciphertext = 'AAAA'), 'shorter'],
    ['a refund resource', (r: Record<string, string>) => (r.original_type = 'refund'), 'not a transaction'],
  ] as const) {
    it(`rejects a correctly signed notification with ${name}`, () => {
      rejected(() => pay().openPaymentNotice(oper, resign(paymentNotice(), change)), reason);
    });
  }

  it('rejects a decrypted transaction without its amount, mchid or appid, or of another merchant', () => {
    const { amount: _, ...noAmount } = transaction;
    const { mchid: _m, ...noMchid } = transaction;
    const { appid: _a, ...noAppid } = transaction;
    rejected(() => pay().openPaymentNotice(oper, paymentNotice(noAmount)), 'malformed');
    rejected(() => pay().openPaymentNotice(oper, paymentNotice(noMchid)), 'malformed');
    rejected(() => pay().openPaymentNotice(oper, paymentNotice(noAppid)), 'malformed');
    rejected(() => pay().openPaymentNotice(oper, paymentNotice({ ...transaction, mchid: '1900000001' })), 'malformed');
  });

  it('rejects a payment notification given as a refund, and one for an oper without WeChat Pay', () => {
    rejected(() => pay().openRefundNotice(oper, paymentNotice()), 'not a refund');
    rejected(() => pay().openPaymentNotice({ ...oper, pay: null }, paymentNotice()), 'no WeChat Pay account');
  });

  it('rejects a signed body that is not JSON, or whose resource is empty', () => {
    rejected(() => pay().openPaymentNotice(oper, { headers: platformHeaders('not json', { timestamp: now() }), body: 'not json' }), 'no resource');
    rejected(() => pay().openPaymentNotice(oper, signedNotification({}, { timestamp: now() })), 'AEAD_AES_256_GCM');
  });

  it('never logs the API v3 key, the merchant key or the decrypted payer', () => {
    const attempts = [paymentNotice(transaction, { key: 'Zz3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f' }), paymentNotice({ ...transaction, amount: {} })];
    for (const notice of attempts) expect(() => pay().openPaymentNotice(oper, notice)).to.throw(NotificationRejected);
    expect(log.entries()).to.have.length(2);
    for (const secret of [API_V3_KEY, merchantKeys.privateKeyPem.split('\n')[1]!, 'o-payer-1']) expect(log.text()).not.to.include(secret);
  });
});
