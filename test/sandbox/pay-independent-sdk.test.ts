import { expect } from 'chai';
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { eventually } from './sandbox-harness.js';
import { control, jsapiBody, newOutTradeNo, type ReceivedNotice, testKeyPair, usePayWorld } from './pay-harness.js';

/*
 * The sandbox as an independent WeChat Pay v3 SDK from npm (wechatpay-axios-plugin) sees it: the
 * SDK is pointed at `…/wechat-sandbox/` as its base URL, so it signs the path with the mount
 * prefix and its own nonces; it verifies every 2xx answer with the platform key itself (its
 * response verifier throws otherwise), and its Rsa/AesGcm verify and open the notifications.
 */
describe('wechat sandbox driven by an independent WeChat Pay v3 SDK (wechatpay-axios-plugin)', () => {
  const world = usePayWorld();
  let wxpay: Wechatpay;

  before(() => {
    wxpay = new Wechatpay({
      baseURL: `${world.sandbox.url}/wechat-sandbox/`,
      mchid: world.merchant.mchid,
      serial: world.merchant.serial,
      privateKey: world.merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      certs: { [world.platform.platformSerial]: world.platform.platformPublicKey },
    });
  });

  /** The SDK's own check of a notification: the platform signature over `timestamp\nnonce\nbody\n`. */
  function sdkVerifies(notice: ReceivedNotice): boolean {
    const header = (name: string) => String(notice.headers[name]);
    expect(header('wechatpay-serial')).to.equal(world.platform.platformSerial);
    const message = Formatter.response(header('wechatpay-timestamp'), header('wechatpay-nonce'), notice.body);
    return Rsa.verify(message, header('wechatpay-signature'), Rsa.from(world.platform.platformPublicKey, Rsa.KEY_TYPE_PUBLIC));
  }

  /** The SDK's AEAD_AES_256_GCM opening of a notification's resource with the API v3 key. */
  function sdkOpens(notice: ReceivedNotice): any {
    const { ciphertext, nonce, associated_data } = notice.json.resource;
    return JSON.parse(Aes.AesGcm.decrypt(ciphertext, world.merchant.apiV3Key, nonce, associated_data));
  }

  const noticeOf = (eventType: string, outTradeNo: string) =>
    eventually(async () =>
      world.receiver.received.find((n) => n.json.event_type === eventType && sdkOpens(n).out_trade_no === outTradeNo),
    );

  it('prepays, queries, closes: the sandbox accepts the SDK’s signatures and the SDK accepts the answers', async () => {
    const no = newOutTradeNo('SDK');
    const prepaid = await wxpay.chain('v3/pay/transactions/jsapi').post(jsapiBody(world, no));
    expect(prepaid.status).to.equal(200);
    expect(prepaid.data.prepay_id).to.be.a('string').and.not.equal('');

    const queried = await wxpay.chain('v3/pay/transactions/out-trade-no/{out_trade_no}').get({ params: { mchid: world.merchant.mchid }, out_trade_no: no });
    expect(queried.data).to.include({ out_trade_no: no, trade_state: 'NOTPAY', mchid: world.merchant.mchid });

    const closed = await wxpay.chain('v3/pay/transactions/out-trade-no/{out_trade_no}/close').post({ mchid: world.merchant.mchid }, { out_trade_no: no });
    expect(closed.status).to.equal(204);
    const after = await wxpay.chain('v3/pay/transactions/out-trade-no/{out_trade_no}').get({ params: { mchid: world.merchant.mchid }, out_trade_no: no });
    expect(after.data.trade_state).to.equal('CLOSED');
  });

  it('refunds and queries the refund; the SDK verifies and opens the payment and refund notifications', async () => {
    const no = newOutTradeNo('SDK');
    await wxpay.chain('v3/pay/transactions/jsapi').post(jsapiBody(world, no));
    expect((await control(world, `/pay/${no}/succeed`)).status).to.equal(200);
    const paid = await noticeOf('TRANSACTION.SUCCESS', no);
    expect(sdkVerifies(paid)).to.equal(true);
    expect(sdkOpens(paid)).to.include({ out_trade_no: no, trade_state: 'SUCCESS', mchid: world.merchant.mchid });

    const refunded = await wxpay.chain('v3/refund/domestic/refunds').post({
      out_trade_no: no,
      out_refund_no: `R${no}`,
      notify_url: `${world.receiver.url}/api/wechat/refund/notify/1`,
      amount: { refund: 3990, total: 3990, currency: 'CNY' },
    });
    expect(refunded.data).to.include({ out_refund_no: `R${no}`, out_trade_no: no });

    const settled = await noticeOf('REFUND.SUCCESS', no);
    expect(sdkVerifies(settled)).to.equal(true);
    expect(sdkOpens(settled)).to.include({ out_refund_no: `R${no}`, refund_status: 'SUCCESS' });
    const queried = await wxpay.chain('v3/refund/domestic/refunds/{out_refund_no}').get({ out_refund_no: `R${no}` });
    expect(queried.data).to.include({ out_refund_no: `R${no}`, status: 'SUCCESS' });
  });

  it('is refused when its key is not the enrolled one, and refuses an answer it cannot verify', async () => {
    const stranger = new Wechatpay({
      baseURL: `${world.sandbox.url}/wechat-sandbox/`,
      mchid: world.merchant.mchid,
      serial: world.merchant.serial,
      privateKey: (await testKeyPair('stranger')).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      certs: { [world.platform.platformSerial]: world.platform.platformPublicKey },
    });
    const refused = await stranger.chain('v3/pay/transactions/jsapi').post(jsapiBody(world, newOutTradeNo('SDK'))).catch((error: any) => error);
    expect(refused.response?.status).to.equal(401);
    expect(refused.response?.data).to.include({ code: 'SIGN_ERROR' });

    const wrongPlatform = new Wechatpay({
      baseURL: `${world.sandbox.url}/wechat-sandbox/`,
      mchid: world.merchant.mchid,
      serial: world.merchant.serial,
      privateKey: world.merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      certs: { [world.platform.platformSerial]: world.merchant.publicKeyPem },
    });
    const unverified = await wrongPlatform.chain('v3/pay/transactions/jsapi').post(jsapiBody(world, newOutTradeNo('SDK'))).catch((error: any) => error);
    expect(unverified).to.be.instanceOf(Error);
    expect(String(unverified.message)).to.match(/Verify the response/);
  });
});
