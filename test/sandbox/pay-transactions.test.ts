import { expect } from 'chai';
import { APP_2 } from './sandbox-harness.js';
import {
  control,
  enrol,
  jsapiBody,
  newOutTradeNo,
  payCall,
  prepay,
  startPayWorld,
  testMerchant,
  type PayResponse,
  type PayWorld,
} from './pay-harness.js';

describe('wechat sandbox WeChat Pay v3 JSAPI transactions', () => {
  let world: PayWorld;
  before(async () => {
    world = await startPayWorld();
  });
  after(async () => {
    await world.close();
  });

  const jsapi = (body: unknown) => payCall(world.sandbox, world.merchant, 'POST', '/v3/pay/transactions/jsapi', body as object);
  const query = (no: string, mchid = world.merchant.mchid) =>
    payCall(world.sandbox, world.merchant, 'GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${mchid}`);
  const close = (no: string, body: object = { mchid: world.merchant.mchid }) =>
    payCall(world.sandbox, world.merchant, 'POST', `/v3/pay/transactions/out-trade-no/${no}/close`, body);

  function expectError(answer: PayResponse, status: number, code: string): void {
    expect(answer.status, answer.text).to.equal(status);
    expect(answer.json.code).to.equal(code);
    expect(answer.json.message).to.be.a('string').and.not.equal('');
  }

  describe('POST /v3/pay/transactions/jsapi', () => {
    it('answers exactly {prepay_id}, shaped like WeChat’s', async () => {
      const answer = await jsapi(jsapiBody(world, newOutTradeNo()));
      expect(answer.status).to.equal(200);
      expect(Object.keys(answer.json)).to.deep.equal(['prepay_id']);
      expect(answer.json.prepay_id).to.match(/^wx\d{14}[0-9a-f]{20}$/);
    });

    it('answers the same prepay_id for the same out_trade_no and parameters', async () => {
      const no = newOutTradeNo();
      const first = await prepay(world, no);
      expect(await prepay(world, no)).to.equal(first);
      expect(await prepay(world, no, { notify_url: `${world.receiver.url}/elsewhere` })).to.equal(first);
    });

    it('answers 400 INVALID_REQUEST (订单号重复) for the same out_trade_no with another amount, payer or description', async () => {
      const no = newOutTradeNo();
      await prepay(world, no);
      for (const overrides of [{ amount: { total: 1 } }, { payer: { openid: 'oSomebodyElse' } }, { description: '别的' }]) {
        const answer = await jsapi(jsapiBody(world, no, overrides));
        expectError(answer, 400, 'INVALID_REQUEST');
        expect(answer.json.message).to.include('订单号重复');
      }
    });

    it('answers 400 ORDER_CLOSED for a closed out_trade_no and 400 ORDER_PAID for a paid one', async () => {
      const closed = newOutTradeNo();
      await prepay(world, closed);
      expect((await close(closed)).status).to.equal(204);
      expectError(await jsapi(jsapiBody(world, closed)), 400, 'ORDER_CLOSED');
      const paid = newOutTradeNo();
      await prepay(world, paid);
      await control(world, `/pay/${paid}/succeed`);
      expectError(await jsapi(jsapiBody(world, paid)), 400, 'ORDER_PAID');
    });

    it('answers 400 APPID_MCHID_NOT_MATCH for an appid not bound to the merchant', async () => {
      expectError(await jsapi(jsapiBody(world, newOutTradeNo(), { appid: APP_2.appid })), 400, 'APPID_MCHID_NOT_MATCH');
    });

    it('answers 400 PARAM_ERROR for a body WeChat Pay refuses', async () => {
      const no = newOutTradeNo();
      const bad: Array<[string, Record<string, unknown>]> = [
        ['mchid of another merchant', { mchid: '1900009999' }],
        ['no appid', { appid: undefined }],
        ['no description', { description: undefined }],
        ['description too long', { description: '长'.repeat(128) }],
        ['out_trade_no too short', { out_trade_no: 'A1234' }],
        ['out_trade_no too long', { out_trade_no: 'A'.repeat(33) }],
        ['out_trade_no with a dot', { out_trade_no: 'ORDER.0001' }],
        ['no notify_url', { notify_url: undefined }],
        ['notify_url ftp', { notify_url: 'ftp://example.com/notify' }],
        ['notify_url with a query', { notify_url: 'https://example.com/notify?oper=1' }],
        ['notify_url not a URL', { notify_url: 'notify' }],
        ['no amount', { amount: undefined }],
        ['amount 0', { amount: { total: 0 } }],
        ['amount negative', { amount: { total: -1 } }],
        ['amount fractional', { amount: { total: 1.5 } }],
        ['amount a string', { amount: { total: '100' } }],
        ['currency USD', { amount: { total: 100, currency: 'USD' } }],
        ['no payer', { payer: undefined }],
        ['no openid', { payer: {} }],
        ['time_expire not RFC 3339', { time_expire: '2030-01-01 10:00:00' }],
      ];
      for (const [why, overrides] of bad) {
        const answer = await jsapi(jsapiBody(world, no, overrides));
        expect(answer.status, why).to.equal(400);
        expect(answer.json.code, why).to.equal('PARAM_ERROR');
      }
      for (const body of ['{"appid":', '[1]']) expectError(await jsapi(body), 400, 'PARAM_ERROR');
      expectError(await query(no), 404, 'ORDER_NOT_EXIST');
    });

    it('accepts out_trade_no of 6 and 32 characters of digits, letters and _-|*', async () => {
      for (const no of ['A-_|*1', `${newOutTradeNo('Z')}_-|*`.padEnd(32, '9').slice(0, 32)]) {
        expect((await jsapi(jsapiBody(world, no))).status, no).to.equal(200);
      }
    });
  });

  describe('GET /v3/pay/transactions/out-trade-no/{out_trade_no}', () => {
    it('shows an unpaid transaction as NOTPAY, without payment fields', async () => {
      const no = newOutTradeNo();
      await prepay(world, no, { attach: 'oper=1' });
      const answer = await query(no);
      expect(answer.status).to.equal(200);
      expect(answer.json).to.deep.equal({
        appid: world.merchant.appids[0],
        mchid: world.merchant.mchid,
        out_trade_no: no,
        attach: 'oper=1',
        trade_state: 'NOTPAY',
        trade_state_desc: '订单未支付',
        payer: {},
        amount: { total: 3990, currency: 'CNY', payer_currency: 'CNY' },
        promotion_detail: [],
      });
    });

    it('shows a paid transaction as SUCCESS with transaction_id, success_time, payer and amounts', async () => {
      const no = newOutTradeNo();
      await prepay(world, no);
      const before = Date.now();
      const paid = await control(world, `/pay/${no}/succeed`);
      const { json } = await query(no);
      expect(json).to.include({
        appid: world.merchant.appids[0],
        mchid: world.merchant.mchid,
        out_trade_no: no,
        transaction_id: paid.json.transaction_id,
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        bank_type: 'OTHERS',
      });
      expect(json.transaction_id).to.match(/^4200\d{24}$/);
      expect(json.success_time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(Date.parse(json.success_time)).to.be.within(before - 1000, Date.now() + 1000);
      expect(json.payer).to.deep.equal({ openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' });
      expect(json.amount).to.deep.equal({ total: 3990, payer_total: 3990, currency: 'CNY', payer_currency: 'CNY' });
    });

    it('answers 404 ORDER_NOT_EXIST for an unknown out_trade_no, and for another merchant’s', async () => {
      expectError(await query('NOSUCHORDER1'), 404, 'ORDER_NOT_EXIST');
      const no = newOutTradeNo();
      await prepay(world, no);
      const other = await testMerchant(2);
      await enrol(world.sandbox, other);
      const answer = await payCall(world.sandbox, other, 'GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${other.mchid}`);
      expectError(answer, 404, 'ORDER_NOT_EXIST');
    });

    it('answers 400 PARAM_ERROR without mchid or with another merchant’s', async () => {
      const no = newOutTradeNo();
      await prepay(world, no);
      expectError(await payCall(world.sandbox, world.merchant, 'GET', `/v3/pay/transactions/out-trade-no/${no}`), 400, 'PARAM_ERROR');
      expectError(await query(no, '1900009999'), 400, 'PARAM_ERROR');
    });
  });

  describe('POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close', () => {
    it('closes an unpaid transaction (204, then CLOSED), and closing it again is fine', async () => {
      const no = newOutTradeNo();
      await prepay(world, no);
      expect((await close(no)).status).to.equal(204);
      expect((await close(no)).status).to.equal(204);
      expect((await query(no)).json).to.include({ trade_state: 'CLOSED', trade_state_desc: '订单已关闭' });
    });

    it('answers 400 ORDER_PAID for a paid transaction, which stays paid', async () => {
      const no = newOutTradeNo();
      await prepay(world, no);
      await control(world, `/pay/${no}/succeed`);
      expectError(await close(no), 400, 'ORDER_PAID');
      expect((await query(no)).json.trade_state).to.equal('SUCCESS');
    });

    it('answers 404 ORDER_NOT_EXIST for an unknown transaction, 400 PARAM_ERROR without the right mchid', async () => {
      expectError(await close('NOSUCHORDER2'), 404, 'ORDER_NOT_EXIST');
      const no = newOutTradeNo();
      await prepay(world, no);
      expectError(await close(no, {}), 400, 'PARAM_ERROR');
      expectError(await close(no, { mchid: '1900009999' }), 400, 'PARAM_ERROR');
      expect((await query(no)).json.trade_state).to.equal('NOTPAY');
    });
  });

  describe('GET /wechat-sandbox/pay/transactions', () => {
    it('lists the transactions newest first, with prepay_id, notify_url and refunds', async () => {
      const older = newOutTradeNo();
      const newer = newOutTradeNo();
      const prepayId = await prepay(world, older);
      await prepay(world, newer);
      const response = await fetch(`${world.sandbox.url}/wechat-sandbox/pay/transactions?mchid=${world.merchant.mchid}`);
      expect(response.status).to.equal(200);
      const list = (await response.json()) as Array<Record<string, unknown>>;
      const nos = list.map((tx) => tx.out_trade_no);
      expect(nos.indexOf(newer)).to.be.below(nos.indexOf(older));
      expect(list.find((tx) => tx.out_trade_no === older)).to.deep.include({
        trade_state: 'NOTPAY',
        prepay_id: prepayId,
        description: '咖啡双人套餐',
        notify_url: `${world.receiver.url}/api/wechat/pay/notify/1`,
        refunds: [],
      });
      const other = await fetch(`${world.sandbox.url}/wechat-sandbox/pay/transactions?mchid=1900009999`);
      expect(await other.json()).to.deep.equal([]);
    });
  });
});
