import { expect } from 'chai';
import { eventually } from './sandbox-harness.js';
import { control, decryptResource, newOutTradeNo, payCall, prepay, usePayWorld, verifiesWithPlatform } from './pay-harness.js';

describe('wechat sandbox WeChat Pay fault controls', () => {
  const world = usePayWorld();

  const refundBody = (no: string, outRefundNo: string) => ({
    out_trade_no: no,
    out_refund_no: outRefundNo,
    notify_url: `${world.receiver.url}/api/wechat/refund/notify/1`,
    amount: { refund: 1000, total: 3990, currency: 'CNY' },
  });
  const refund = (no: string, outRefundNo: string) => payCall(world.sandbox, world.merchant, 'POST', '/v3/refund/domestic/refunds', refundBody(no, outRefundNo));
  const queryRefund = (no: string) => payCall(world.sandbox, world.merchant, 'GET', `/v3/refund/domestic/refunds/${no}`);
  const queryOrder = (no: string) => payCall(world.sandbox, world.merchant, 'GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${world.merchant.mchid}`);
  const faults = async (method: 'POST' | 'DELETE' | 'GET', body?: object) => {
    const response = await fetch(`${world.sandbox.url}/wechat-sandbox/pay/faults`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: await response.json() };
  };
  const refundNotices = (no: string) =>
    world.receiver.received
      .filter((n) => n.json.resource?.original_type === 'refund')
      .map((n) => ({ event: n.json.event_type, ...decryptResource(n.json.resource, world.merchant.apiV3Key) }))
      .filter((r) => r.out_trade_no === no);

  async function paid(): Promise<string> {
    const no = newOutTradeNo();
    await prepay(world, no);
    await control(world, `/pay/${no}/succeed`);
    world.receiver.received.length = 0;
    return no;
  }

  afterEach(async () => {
    await faults('DELETE');
  });

  it('takes the money without notifying with {"notify": false}; the query shows it paid', async () => {
    const no = newOutTradeNo();
    await prepay(world, no);
    const answer = await control(world, `/pay/${no}/succeed`, { notify: false });
    expect(answer.json).to.include({ out_trade_no: no, trade_state: 'SUCCESS', delivered: false, attempts: 0 });
    expect((await queryOrder(no)).json.trade_state).to.equal('SUCCESS');
    expect(world.receiver.received).to.deep.equal([]);
  });

  for (const status of ['ABNORMAL', 'CLOSED'] as const) {
    it(`ends the transaction's refunds ${status} and notifies REFUND.${status}`, async () => {
      const no = await paid();
      expect((await control(world, `/pay/${no}/refund-outcome`, { status })).json).to.include({ status, notify: true });
      expect((await refund(no, `R${no}`)).json.status).to.equal('PROCESSING');
      const [notice] = await eventually(async () => (refundNotices(no).length > 0 ? refundNotices(no) : undefined));
      expect(notice).to.include({ event: `REFUND.${status}`, refund_status: status, out_refund_no: `R${no}` });
      expect((await queryRefund(`R${no}`)).json.status).to.equal(status);
    });
  }

  it('leaves refunds processing with PROCESSING, then ends one still processing as told, silently with notify false', async () => {
    const no = await paid();
    await control(world, `/pay/${no}/refund-outcome`, { status: 'PROCESSING' });
    await refund(no, `R${no}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await queryRefund(`R${no}`)).json.status).to.equal('PROCESSING');
    const answer = await control(world, `/pay/${no}/refund-outcome`, { status: 'CLOSED', notify: false });
    expect(answer.json.refunds.map((r: { status: string }) => r.status)).to.deep.equal(['CLOSED']);
    expect((await queryRefund(`R${no}`)).json.status).to.equal('CLOSED');
    expect(refundNotices(no)).to.deep.equal([]);
  });

  it('lets a new refund be made after one that failed, up to the amount paid', async () => {
    const no = await paid();
    await control(world, `/pay/${no}/refund-outcome`, { status: 'CLOSED', notify: false });
    await refund(no, `R${no}-1`);
    await eventually(async () => ((await queryRefund(`R${no}-1`)).json.status === 'CLOSED' ? true : undefined));
    await control(world, `/pay/${no}/refund-outcome`, { status: 'SUCCESS', notify: false });
    const again = await payCall(world.sandbox, world.merchant, 'POST', '/v3/refund/domestic/refunds', {
      ...refundBody(no, `R${no}-2`),
      amount: { refund: 3990, total: 3990, currency: 'CNY' },
    });
    expect(again.status, again.text).to.equal(200);
  });

  it('refuses bad controls with 400 PARAM_ERROR', async () => {
    const no = await paid();
    expect((await control(world, `/pay/${no}/refund-outcome`, { status: 'DONE' })).status).to.equal(400);
    expect((await control(world, `/pay/${no}/succeed`, { notify: 'no' })).status).to.equal(400);
    for (const body of [{ api: 'pay', fault: '500' }, { api: 'query', fault: '404' }, { api: 'query', fault: '500', times: 0 }, { api: 'query', fault: '500', times: 1.5 }]) {
      expect((await faults('POST', body)).status, JSON.stringify(body)).to.equal(400);
    }
    expect((await faults('GET')).json).to.deep.equal({ faults: [] });
  });

  it('fails the next N calls of an API with a 500 before anything happens, then answers again', async () => {
    const no = await paid();
    expect((await faults('POST', { api: 'refund', fault: '500', times: 2 })).json).to.deep.equal({ faults: [{ api: 'refund', fault: '500', times: 2 }] });
    for (let i = 0; i < 2; i += 1) {
      const failed = await refund(no, `R${no}`);
      expect([failed.status, failed.json.code]).to.deep.equal([500, 'SYSTEM_ERROR']);
    }
    expect((await queryRefund(`R${no}`)).status).to.equal(404);
    expect((await refund(no, `R${no}`)).status).to.equal(200);
  });

  it('refuses a refund for good with the refused fault (403 NOT_ENOUGH), making none', async () => {
    const no = await paid();
    await faults('POST', { api: 'refund', fault: 'refused' });
    const refused = await refund(no, `R${no}`);
    expect([refused.status, refused.json.code]).to.deep.equal([403, 'NOT_ENOUGH']);
    expect(verifiesWithPlatform(world.platform, refused.headers, refused.text)).to.equal(true);
    expect((await queryRefund(`R${no}`)).status).to.equal(404);
  });

  it('takes effect but spoils the answer with garbage or no signature', async () => {
    const no = await paid();
    await faults('POST', { api: 'refund', fault: 'garbage' });
    const garbage = await refund(no, `R${no}`).catch((error: Error) => error);
    expect(garbage).to.be.instanceOf(SyntaxError); // the 200's body is not JSON
    expect((await queryRefund(`R${no}`)).json.out_refund_no).to.equal(`R${no}`);
    await faults('POST', { api: 'refund-query', fault: 'unsigned' });
    const unsigned = await queryRefund(`R${no}`);
    expect(unsigned.status).to.equal(200);
    expect(unsigned.headers.get('wechatpay-signature')).to.equal(null);
  });

  it('takes effect but holds the answer of a timeout until the client gives up', async () => {
    const no = newOutTradeNo();
    await prepay(world, no);
    await faults('POST', { api: 'close', fault: 'timeout' });
    const signed = payCall(world.sandbox, world.merchant, 'POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: world.merchant.mchid });
    const held = new Promise((resolve) => setTimeout(resolve, 300, 'held'));
    expect(await Promise.race([signed.then(() => 'answered', () => 'failed'), held])).to.equal('held');
    expect((await queryOrder(no)).json.trade_state).to.equal('CLOSED');
  });
});
