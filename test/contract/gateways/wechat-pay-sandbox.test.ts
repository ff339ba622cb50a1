import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpWechatPay } from '../../../adapters/wechat-pay/http-wechat-pay.js';
import { type RawNotification, systemClock } from '../../../core/index.js';
import { capturedLogger } from '../../adapters/support/captured-logger.js';
import { FAST_PAY, decryptResource, enrol, startReceiver, testMerchant } from '../../sandbox/pay-harness.js';
import { APP_1, eventually, startTestSandbox } from '../../sandbox/sandbox-harness.js';
import { gatewayOper } from './gateway-opers.js';
import { describeWechatPayContract } from './wechat-pay/wechat-pay-contract.js';

// WeChat Pay API v3's client against the sandbox, which verifies its signatures, signs its answers
// and sends encrypted, signed notifications to a local receiver.
describeWechatPayContract('HttpWechatPay on the sandbox', async () => {
  const sandbox = await startTestSandbox({ pay: FAST_PAY });
  const receiver = await startReceiver();
  const merchant = await testMerchant(1, [APP_1.appid]);
  const platform = await enrol(sandbox, merchant);
  const secrets = new SecretBox(randomBytes(32));
  const oper = gatewayOper(1, APP_1.appid, secrets.seal(APP_1.secret), {
    mchid: merchant.mchid,
    merchantSerial: merchant.serial,
    sealedPrivateKey: secrets.seal(merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    sealedApiV3Key: secrets.seal(merchant.apiV3Key),
    platformPublicKey: platform.platformPublicKey,
    platformSerial: platform.platformSerial,
  });
  const pay = new HttpWechatPay({ baseUrl: `${sandbox.url}/wechat-sandbox`, timeoutMs: 2_000, secrets, logger: capturedLogger().logger, clock: systemClock });

  /** The first notification received at `path` whose decrypted resource has `field` = `value`. */
  const received = (path: string, field: string, value: string): Promise<RawNotification> =>
    eventually(async () => {
      const notice = receiver.received.find((n) => n.path === path && decryptResource(n.json.resource, merchant.apiV3Key)[field] === value);
      return notice ? { headers: flatHeaders(notice.headers), body: notice.body } : undefined;
    });

  return {
    pay,
    oper,
    appid: APP_1.appid,
    payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    paymentNotifyUrl: `${receiver.url}/pay`,
    refundNotifyUrl: `${receiver.url}/refund`,
    now: () => systemClock.now(),
    payerPays: async (outTradeNo) => {
      const answer = await sandbox.post(`/pay/${outTradeNo}/succeed`, {});
      if (answer.status !== 200) throw new Error(`the sandbox took no payment of ${outTradeNo}: ${await answer.text()}`);
    },
    paymentNotification: (outTradeNo) => received('/pay', 'out_trade_no', outTradeNo),
    refundNotification: (outRefundNo) => received('/refund', 'out_refund_no', outRefundNo),
    wechatPayGoesDown: () => sandbox.close(),
    close: async () => {
      await sandbox.close();
      await receiver.close();
    },
  };
});

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}
