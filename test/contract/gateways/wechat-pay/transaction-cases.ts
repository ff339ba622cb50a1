import { expect } from 'chai';
import { domainErrorOf } from '../../../unit/support/domain-error-of.js';
import { newOutTradeNo, paidTransaction, prepayRequest, type WechatPayContext } from './wechat-pay-context.js';

/** prepay, query, close and sdkConfig: a transaction's life at WeChat Pay. */
export function describeTransactionCases(context: () => WechatPayContext): void {
  const prepaid = async () => {
    const outTradeNo = newOutTradeNo();
    const { prepayId } = await context().pay.prepay(context().oper, prepayRequest(context(), outTradeNo));
    return { outTradeNo, prepayId };
  };
  const query = (outTradeNo: string) => context().pay.query(context().oper, outTradeNo);

  describe('prepay', () => {
    it('answers a prepay id for a new transaction', async () => {
      expect((await prepaid()).prepayId).to.be.a('string').that.is.not.empty;
    });

    it('answers the same prepay id when the same transaction is asked for again', async () => {
      const { outTradeNo, prepayId } = await prepaid();
      expect(await context().pay.prepay(context().oper, prepayRequest(context(), outTradeNo))).to.deep.equal({ prepayId });
    });

    it('refuses an out_trade_no already used for other parameters with 70012', async () => {
      const { outTradeNo } = await prepaid();
      await domainErrorOf(context().pay.prepay(context().oper, prepayRequest(context(), outTradeNo, { amountFen: 1 })), 70012);
    });
  });

  describe('query', () => {
    it('answers NOTPAY for a transaction WeChat Pay never saw, and for one prepaid and not paid', async () => {
      expect(await query(newOutTradeNo())).to.deep.equal({ tradeState: 'NOTPAY', payment: null });
      expect(await query((await prepaid()).outTradeNo)).to.deep.equal({ tradeState: 'NOTPAY', payment: null });
    });

    it('answers SUCCESS with the payment once the payer paid', async () => {
      const outTradeNo = await paidTransaction(context());
      const { tradeState, payment } = await query(outTradeNo);
      expect(tradeState).to.equal('SUCCESS');
      expect(payment).to.deep.include({ outTradeNo, tradeState: 'SUCCESS', amountFen: 3990, payerOpenId: context().payerOpenId });
      expect(payment?.transactionId).to.be.a('string').that.is.not.empty;
    });
  });

  describe('close', () => {
    it('closes an unpaid transaction: queried after, it is CLOSED', async () => {
      const { outTradeNo } = await prepaid();
      await context().pay.close(context().oper, outTradeNo);
      expect(await query(outTradeNo)).to.deep.equal({ tradeState: 'CLOSED', payment: null });
    });

    it('takes closing twice, or closing a transaction never created, as done', async () => {
      const { outTradeNo } = await prepaid();
      await context().pay.close(context().oper, outTradeNo);
      await context().pay.close(context().oper, outTradeNo);
      await context().pay.close(context().oper, newOutTradeNo());
      expect((await query(outTradeNo)).tradeState).to.equal('CLOSED');
    });
  });

  describe('sdkConfig', () => {
    it('signs the wx.requestPayment configuration of a prepay id, timestamped now', async () => {
      const { prepayId } = await prepaid();
      const before = Math.floor(context().now().getTime() / 1000);
      const config = await context().pay.sdkConfig(context().oper, context().appid, prepayId);
      const after = Math.floor(context().now().getTime() / 1000);
      expect(config).to.deep.include({ appId: context().appid, package: `prepay_id=${prepayId}`, signType: 'RSA' });
      expect(Number(config.timestamp)).to.be.within(before, after);
      expect(config.timestamp).to.match(/^\d+$/);
      expect(config.nonceStr).to.be.a('string').that.is.not.empty;
      expect(config.paySign).to.be.a('string').that.is.not.empty;
    });
  });
}
