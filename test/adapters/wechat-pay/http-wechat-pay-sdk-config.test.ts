import { createVerify, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpWechatPay } from '../../../adapters/wechat-pay/http-wechat-pay.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import type { Random } from '../../../core/shared/random.js';
import { FakeClock } from '../../support/fake-clock.js';
import { capturedLogger } from '../support/captured-logger.js';
import { APPID, merchantKeys, payOper } from './wechat-pay-fixtures.js';

describe('HttpWechatPay.sdkConfig (wx.requestPayment, API v3)', () => {
  const secrets = new SecretBox(randomBytes(32));
  const oper = payOper(secrets);
  const clock = new FakeClock('2026-11-28T02:00:00.000Z');
  const log = capturedLogger();
  let drawn = 0;
  const random: Random = { token: () => `token-${(drawn += 1)}`, digits: (n) => '7'.repeat(n) };
  const pay = new HttpWechatPay({ timeoutMs: 1000, secrets, logger: log.logger, clock, random });
  const prepayId = 'wx28100000000000000000000000000001';

  it('gives appId, seconds as a string, a 32-character nonce, the package and signType RSA', async () => {
    const config = await pay.sdkConfig(oper, APPID, prepayId);
    expect(config).to.include({ appId: APPID, timestamp: '1795831200', package: `prepay_id=${prepayId}`, signType: 'RSA' });
    expect(config.timestamp).to.equal(String(clock.now().getTime() / 1000));
    expect(config.nonceStr).to.match(/^[0-9A-F]{32}$/);
  });

  it('signs appId, timeStamp, nonceStr and package, each line ending in \\n, with the merchant key', async () => {
    const config = await pay.sdkConfig(oper, APPID, prepayId);
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${APPID}\n${config.timestamp}\n${config.nonceStr}\nprepay_id=${prepayId}\n`);
    expect(verifier.verify(merchantKeys.publicKeyPem, config.paySign, 'base64')).to.equal(true);
    const withoutLastNewline = createVerify('RSA-SHA256');
    withoutLastNewline.update(`${APPID}\n${config.timestamp}\n${config.nonceStr}\nprepay_id=${prepayId}`);
    expect(withoutLastNewline.verify(merchantKeys.publicKeyPem, config.paySign, 'base64')).to.equal(false);
  });

  it('draws a fresh nonce (and so a fresh paySign) each time, at the time of the clock', async () => {
    const first = await pay.sdkConfig(oper, APPID, prepayId);
    clock.advance(60_000);
    const second = await pay.sdkConfig(oper, APPID, prepayId);
    expect(second.nonceStr).not.to.equal(first.nonceStr);
    expect(second.paySign).not.to.equal(first.paySign);
    expect(Number(second.timestamp) - Number(first.timestamp)).to.equal(60);
  });

  it('answers 70012 for an oper without WeChat Pay', async () => {
    const refused = await pay.sdkConfig({ ...oper, pay: null }, APPID, prepayId).then(() => null, (error: unknown) => error);
    expect(refused).to.be.instanceOf(DomainError).with.property('code', 70012);
  });

  it('logs neither paySign nor the merchant key', async () => {
    const { paySign } = await pay.sdkConfig(oper, APPID, prepayId);
    expect(log.text()).not.to.include(paySign);
    expect(log.text()).not.to.include(merchantKeys.privateKeyPem.split('\n')[1]);
  });
});
