import { expect } from 'chai';
import {
  control,
  decryptResource,
  enrol,
  newOutTradeNo,
  payCall,
  prepay,
  queryTransaction,
  usePayWorld,
  testMerchant,
  verifiesWithPlatform,
  type ReceivedNotice,
} from './pay-harness.js';

describe('wechat sandbox WeChat Pay notifications', () => {
  const world = usePayWorld();

  const query = (no: string) => queryTransaction(world, no);
  const open = (notice: ReceivedNotice) => decryptResource(notice.json.resource, world.merchant.apiV3Key);

  async function unpaid(overrides: Record<string, unknown> = {}): Promise<string> {
    const no = newOutTradeNo();
    await prepay(world, no, overrides);
    return no;
  }

  describe('POST /wechat-sandbox/pay/{out_trade_no}/succeed', () => {
    it('pays the transaction and answers after the notification was delivered', async () => {
      const no = await unpaid();
      const answer = await control(world, `/pay/${no}/succeed`);
      expect(answer.status).to.equal(200);
      expect(answer.json).to.deep.equal({
        out_trade_no: no,
        transaction_id: (await query(no)).transaction_id,
        trade_state: 'SUCCESS',
        delivered: true,
        status: 200,
        attempts: 1,
      });
      expect(world.receiver.received).to.have.length(1);
    });

    it('sends a TRANSACTION.SUCCESS notification signed with the platform key, as documented', async () => {
      const no = await unpaid();
      await control(world, `/pay/${no}/succeed`);
      const [notice] = world.receiver.received;
      expect(notice!.path).to.equal('/api/wechat/pay/notify/1');
      expect(notice!.headers['content-type']).to.match(/^application\/json/);
      expect(notice!.headers['wechatpay-serial']).to.equal(world.platform.platformSerial);
      expect(notice!.headers['wechatpay-signature-type']).to.equal('WECHATPAY2-SHA256-RSA2048');
      expect(Number(notice!.headers['wechatpay-timestamp'])).to.be.closeTo(Date.now() / 1000, 5);
      expect(verifiesWithPlatform(world.platform, notice!.headers, notice!.body)).to.equal(true);
      expect(Object.keys(notice!.json).sort()).to.deep.equal(['create_time', 'event_type', 'id', 'resource', 'resource_type', 'summary']);
      expect(notice!.json).to.include({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', summary: '支付成功' });
      expect(notice!.json.id).to.be.a('string').and.not.equal('');
      expect(notice!.json.create_time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      const { resource } = notice!.json;
      expect(resource).to.include({ original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' });
      expect(resource.nonce).to.match(/^[0-9A-Za-z]{12}$/);
      expect(open(notice!)).to.deep.equal(await query(no));
      expect(() => decryptResource(resource, 'x'.repeat(32))).to.throw();
    });

    it('sends the same notification again when called again (same id, identical payload)', async () => {
      const no = await unpaid();
      const first = await control(world, `/pay/${no}/succeed`);
      const again = await control(world, `/pay/${no}/succeed`);
      expect(again.json).to.deep.equal(first.json);
      const [one, two] = world.receiver.received;
      expect(two!.json.id).to.equal(one!.json.id);
      expect(two!.json.create_time).to.equal(one!.json.create_time);
      expect(open(two!)).to.deep.equal(open(one!));
      expect(verifiesWithPlatform(world.platform, two!.headers, two!.body)).to.equal(true);
    });

    it('sends the payment notification unchanged after a refund', async () => {
      const no = await unpaid();
      await control(world, `/pay/${no}/succeed`);
      const refund = { out_trade_no: no, out_refund_no: `R${no}`, amount: { refund: 1, total: 3990, currency: 'CNY' } };
      await payCall(world.sandbox, world.merchant, 'POST', '/v3/refund/domestic/refunds', refund);
      const again = await control(world, `/pay/${no}/succeed`);
      expect(again.json).to.include({ trade_state: 'REFUND', delivered: true });
      const [first, second] = world.receiver.received;
      expect(open(second!)).to.deep.equal(open(first!));
      expect(open(second!).trade_state).to.equal('SUCCESS');
    });

    it('carries another amount when asked, to test a payment that does not match the order', async () => {
      const no = await unpaid();
      await control(world, `/pay/${no}/succeed`, { amount: 1 });
      const payload = open(world.receiver.received[0]!);
      expect(payload.amount).to.include({ total: 1, payer_total: 1 });
      expect((await query(no)).amount).to.include({ total: 1 });
      expect((await control(world, `/pay/${await unpaid()}/succeed`, { amount: 0 })).status).to.equal(400);
    });

    it('answers 409 for a closed transaction, 404 for an unknown one', async () => {
      const no = await unpaid();
      await payCall(world.sandbox, world.merchant, 'POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: world.merchant.mchid });
      const closed = await control(world, `/pay/${no}/succeed`);
      expect(closed.status).to.equal(409);
      expect(closed.json.code).to.equal('ORDER_CLOSED');
      expect((await control(world, '/pay/NOSUCHORDER9/succeed')).status).to.equal(404);
      expect(world.receiver.received).to.deep.equal([]);
    });

    it('asks for mchid when two merchants have the out_trade_no', async () => {
      const no = await unpaid();
      const other = await testMerchant(2);
      await enrol(world.sandbox, other);
      const body = { appid: other.appids[0], mchid: other.mchid, description: 'x', out_trade_no: no,
        notify_url: `${world.receiver.url}/n/2`, amount: { total: 5 }, payer: { openid: 'o2' } };
      expect((await payCall(world.sandbox, other, 'POST', '/v3/pay/transactions/jsapi', body)).status).to.equal(200);
      expect((await control(world, `/pay/${no}/succeed`)).status).to.equal(409);
      expect((await control(world, `/pay/${no}/succeed`, { mchid: other.mchid })).json.delivered).to.equal(true);
      expect(world.receiver.received[0]!.path).to.equal('/n/2');
    });
  });

  describe('POST /wechat-sandbox/pay/{out_trade_no}/notify-forged', () => {
    it('sends a notification whose signature does not verify, changing nothing', async () => {
      const no = await unpaid();
      const answer = await control(world, `/pay/${no}/notify-forged`);
      expect(answer.json).to.deep.equal({ out_trade_no: no, delivered: true, status: 200 });
      const [notice] = world.receiver.received;
      expect(notice!.headers['wechatpay-serial']).to.equal(world.platform.platformSerial);
      expect(verifiesWithPlatform(world.platform, notice!.headers, notice!.body)).to.equal(false);
      expect(open(notice!)).to.include({ out_trade_no: no, trade_state: 'SUCCESS' });
      expect((await query(no)).trade_state).to.equal('NOTPAY');
      const [call] = await world.sandbox.calls('pay-notification');
      expect(call).to.include({ forged: true, attempt: 1 });
    });

    it('is sent once, never retried, and answers 404 for an unknown transaction', async () => {
      const no = await unpaid();
      world.receiver.statuses = [401];
      expect((await control(world, `/pay/${no}/notify-forged`)).json).to.include({ delivered: false, status: 401 });
      expect(world.receiver.received).to.have.length(1);
      expect((await control(world, '/pay/NOSUCHORDER8/notify-forged')).status).to.equal(404);
    });
  });
});
