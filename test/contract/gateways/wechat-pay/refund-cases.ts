import { expect } from 'chai';
import { paidTransaction, refundRequest, type WechatPayContext } from './wechat-pay-context.js';

/** refund: money back to the payer, once per out_refund_no. */
export function describeRefundCases(context: () => WechatPayContext): void {
  describe('refund', () => {
    const refund = (outTradeNo: string, outRefundNo: string, fen?: number) =>
      context().pay.refund(context().oper, refundRequest(context(), outTradeNo, outRefundNo, fen));

    it('accepts a refund of a paid transaction, processing or already done', async () => {
      const outTradeNo = await paidTransaction(context());
      const accepted = await refund(outTradeNo, `R${outTradeNo}`);
      expect(accepted.refundId).to.be.a('string').that.is.not.empty;
      expect(['PROCESSING', 'SUCCESS']).to.include(accepted.state);
    });

    it('answers the refund already accepted when the same out_refund_no is asked for again', async () => {
      const outTradeNo = await paidTransaction(context());
      const first = await refund(outTradeNo, `R${outTradeNo}`);
      expect((await refund(outTradeNo, `R${outTradeNo}`)).refundId).to.equal(first.refundId);
    });

    it('gives each out_refund_no its own refund: a transaction refunded in parts', async () => {
      const outTradeNo = await paidTransaction(context());
      const first = await refund(outTradeNo, `R1${outTradeNo}`, 1000);
      const second = await refund(outTradeNo, `R2${outTradeNo}`, 2000);
      expect(second.refundId).to.not.equal(first.refundId);
    });
  });
}
