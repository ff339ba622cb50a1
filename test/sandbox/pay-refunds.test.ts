import { expect } from 'chai';
import { eventually } from './sandbox-harness.js';
import {
  control,
  decryptResource,
  newOutTradeNo,
  payCall,
  prepay,
  usePayWorld,
  verifiesWithPlatform,
  type PayResponse,
  type ReceivedNotice,
} from './pay-harness.js';

describe('wechat sandbox WeChat Pay v3 refunds', () => {
  const world = usePayWorld();

  const refundUrl = () => `${world.receiver.url}/api/wechat/refund/notify/1`;
  const refundBody = (outTradeNo: string, outRefundNo: string, refund = 1000, overrides: Record<string, unknown> = {}) => ({
    out_trade_no: outTradeNo,
    out_refund_no: outRefundNo,
    reason: '用户申请退款',
    notify_url: refundUrl(),
    amount: { refund, total: 3990, currency: 'CNY' },
    ...overrides,
  });
  const refund = (body: object) => payCall(world.sandbox, world.merchant, 'POST', '/v3/refund/domestic/refunds', body);
  const queryRefund = (no: string) => payCall(world.sandbox, world.merchant, 'GET', `/v3/refund/domestic/refunds/${no}`);
  /** The refund notifications about one transaction: a late notice of an earlier test is not one of them. */
  const refundNotices = (outTradeNo: string): ReceivedNotice[] =>
    world.receiver.received.filter(
      (n) => n.json.event_type === 'REFUND.SUCCESS' && decryptResource(n.json.resource, world.merchant.apiV3Key).out_trade_no === outTradeNo,
    );

  const outRefundNoOf = (notice: ReceivedNotice): string => decryptResource(notice.json.resource, world.merchant.apiV3Key).out_refund_no;

  async function paidOrder(): Promise<{ no: string; transactionId: string }> {
    const no = newOutTradeNo();
    await prepay(world, no);
    const paid = await control(world, `/pay/${no}/succeed`);
    world.receiver.received.length = 0;
    return { no, transactionId: paid.json.transaction_id as string };
  }

  function expectError(answer: PayResponse, status: number, code: string): void {
    expect(answer.status, answer.text).to.equal(status);
    expect(answer.json.code).to.equal(code);
    expect(verifiesWithPlatform(world.platform, answer.headers, answer.text)).to.equal(true);
  }

  it('answers the refund PROCESSING, shaped as documented', async () => {
    const { no, transactionId } = await paidOrder();
    const answer = await refund(refundBody(no, `R${no}`));
    expect(answer.status).to.equal(200);
    expect(verifiesWithPlatform(world.platform, answer.headers, answer.text)).to.equal(true);
    expect(answer.json).to.include({
      out_refund_no: `R${no}`,
      transaction_id: transactionId,
      out_trade_no: no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      status: 'PROCESSING',
    });
    expect(answer.json.refund_id).to.match(/^50000\d{24}$/);
    expect(answer.json.create_time).to.match(/\+08:00$/);
    expect(answer.json).to.not.have.property('success_time');
    expect(answer.json.amount).to.include({ total: 3990, refund: 1000, payer_total: 3990, payer_refund: 1000, currency: 'CNY' });
  });

  it('then succeeds and sends a signed REFUND.SUCCESS notification that decrypts with the API v3 key', async () => {
    const { no, transactionId } = await paidOrder();
    const { json: accepted } = await refund(refundBody(no, `R${no}`));
    const [notice] = await eventually(async () => (refundNotices(no).length > 0 ? refundNotices(no) : undefined));
    expect(notice!.path).to.equal('/api/wechat/refund/notify/1');
    expect(verifiesWithPlatform(world.platform, notice!.headers, notice!.body)).to.equal(true);
    expect(notice!.headers['wechatpay-signature-type']).to.equal('WECHATPAY2-SHA256-RSA2048');
    expect(notice!.json).to.include({ resource_type: 'encrypt-resource', event_type: 'REFUND.SUCCESS', summary: '退款成功' });
    expect(notice!.json.resource).to.include({ original_type: 'refund', algorithm: 'AEAD_AES_256_GCM', associated_data: 'refund' });
    const payload = decryptResource(notice!.json.resource, world.merchant.apiV3Key);
    expect(payload).to.include({
      mchid: world.merchant.mchid,
      out_trade_no: no,
      transaction_id: transactionId,
      out_refund_no: `R${no}`,
      refund_id: accepted.refund_id,
      refund_status: 'SUCCESS',
      user_received_account: '支付用户零钱',
    });
    expect(payload.amount).to.deep.equal({ total: 3990, refund: 1000, payer_total: 3990, payer_refund: 1000 });
    const queried = await queryRefund(`R${no}`);
    expect(queried.json).to.include({ status: 'SUCCESS', refund_id: accepted.refund_id, success_time: payload.success_time });
    const tx = await payCall(world.sandbox, world.merchant, 'GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${world.merchant.mchid}`);
    expect(tx.json.trade_state).to.equal('REFUND');
  });

  it('never refunds twice for one out_refund_no: the same refund again, one notification', async () => {
    const { no } = await paidOrder();
    const first = await refund(refundBody(no, `R1${no}`, 2000));
    await eventually(async () => (refundNotices(no).length > 0 ? true : undefined));
    const again = await refund(refundBody(no, `R1${no}`, 2000));
    expect(again.status).to.equal(200);
    expect(again.json.refund_id).to.equal(first.json.refund_id);
    expect(again.json.status).to.equal('SUCCESS');
    // A second notification of R1 would be settled before the refund asked for after it: once that
    // one's notification is in, R1's second would be too.
    expect((await refund(refundBody(no, `R2${no}`, 1000))).status).to.equal(200);
    await eventually(async () => (refundNotices(no).some((n) => outRefundNoOf(n) === `R2${no}`) ? true : undefined));
    expect(refundNotices(no).map(outRefundNoOf)).to.deep.equal([`R1${no}`, `R2${no}`]);
    expectError(await refund(refundBody(no, `R1${no}`, 1)), 400, 'INVALID_REQUEST');
  });

  it('refunds in parts up to the amount paid, and refuses more (400)', async () => {
    const { no, transactionId } = await paidOrder();
    expect((await refund(refundBody(no, `R1${no}`, 2000))).status).to.equal(200);
    expectError(await refund(refundBody(no, `R2${no}`, 1991)), 400, 'INVALID_REQUEST');
    const byTransactionId = refundBody(no, `R3${no}`, 1990, { out_trade_no: undefined, transaction_id: transactionId });
    expect((await refund(byTransactionId)).status).to.equal(200);
    expectError(await refund(refundBody(no, `R4${no}`, 1)), 400, 'INVALID_REQUEST');
  });

  it('refuses an unpaid or closed transaction (400) and an unknown one (404 RESOURCE_NOT_EXISTS)', async () => {
    const unpaid = newOutTradeNo();
    await prepay(world, unpaid);
    expectError(await refund(refundBody(unpaid, `R${unpaid}`)), 400, 'INVALID_REQUEST');
    await payCall(world.sandbox, world.merchant, 'POST', `/v3/pay/transactions/out-trade-no/${unpaid}/close`, { mchid: world.merchant.mchid });
    expectError(await refund(refundBody(unpaid, `R${unpaid}`)), 400, 'INVALID_REQUEST');
    expectError(await refund(refundBody('NOSUCHORDER3', 'RNOSUCH3')), 404, 'RESOURCE_NOT_EXISTS');
  });

  it('refuses a total other than the order’s and malformed bodies (400 PARAM_ERROR)', async () => {
    const { no } = await paidOrder();
    expectError(await refund(refundBody(no, `R${no}`, 100, { amount: { refund: 100, total: 3991, currency: 'CNY' } })), 400, 'INVALID_REQUEST');
    const bad: Array<Record<string, unknown>> = [
      { out_trade_no: undefined },
      { out_refund_no: undefined },
      { out_refund_no: 'R'.repeat(65) },
      { amount: undefined },
      { amount: { refund: 0, total: 3990, currency: 'CNY' } },
      { amount: { refund: 100, total: 3990 } },
      { notify_url: 'not a url' },
      { reason: '长'.repeat(81) },
    ];
    for (const overrides of bad) {
      const answer = await refund(refundBody(no, `R${no}`, 100, overrides));
      expect(answer.status, JSON.stringify(overrides)).to.equal(400);
      expect(answer.json.code, JSON.stringify(overrides)).to.equal('PARAM_ERROR');
    }
    expectError(await queryRefund(`R${no}`), 404, 'RESOURCE_NOT_EXISTS');
  });

  it('answers 404 RESOURCE_NOT_EXISTS for an unknown out_refund_no', async () => {
    expectError(await queryRefund('RNOSUCHREFUND'), 404, 'RESOURCE_NOT_EXISTS');
  });

  it('succeeds without a notification when the refund has no notify_url', async () => {
    const { no } = await paidOrder();
    await refund(refundBody(no, `R1${no}`, 100, { notify_url: undefined }));
    const settled = await eventually(async () => {
      const { json } = await queryRefund(`R1${no}`);
      return json.status === 'SUCCESS' ? json : undefined;
    });
    expect(settled.success_time).to.be.a('string');
    // A notification of R1 would be on its way before that of a refund asked for after it.
    await refund(refundBody(no, `R2${no}`, 100));
    await eventually(async () => (refundNotices(no).length > 0 ? true : undefined));
    expect(refundNotices(no).map(outRefundNoOf)).to.deep.equal([`R2${no}`]);
  });
});
