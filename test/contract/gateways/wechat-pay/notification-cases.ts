import { expect } from 'chai';
import { NotificationRejected, type RawNotification } from '../../../../core/index.js';
import { caught } from '../../../adapters/support/caught.js';
import { paidTransaction, refundRequest, type WechatPayContext } from './wechat-pay-context.js';

/** The same body with one more space: what a forger who changed a byte would send. */
const altered = ({ headers, body }: RawNotification): RawNotification => ({ headers, body: `${body.slice(0, -1)} }` });
/** The body alone, as from someone who cannot sign at all. */
const unsigned = ({ body }: RawNotification): RawNotification => ({ headers: { 'content-type': 'application/json' }, body });

/** openPaymentNotice and openRefundNotice: what WeChat Pay sent is read; anything else is rejected. */
export function describeNotificationCases(context: () => WechatPayContext): void {
  describe('notifications', () => {
    const openPayment = (notification: RawNotification) => () => context().pay.openPaymentNotice(context().oper, notification);
    const openRefund = (notification: RawNotification) => () => context().pay.openRefundNotice(context().oper, notification);
    const rejected = async (open: () => unknown) => expect(await caught((async () => open())())).to.be.instanceOf(NotificationRejected);
    const refunded = async () => {
      const outTradeNo = await paidTransaction(context());
      const accepted = await context().pay.refund(context().oper, refundRequest(context(), outTradeNo, `R${outTradeNo}`, 1000));
      return { outTradeNo, outRefundNo: `R${outTradeNo}`, accepted };
    };

    it('opens the payment notification: the payment as a query reports it', async () => {
      const outTradeNo = await paidTransaction(context());
      const notice = openPayment(await context().paymentNotification(outTradeNo))();
      expect(notice).to.deep.equal((await context().pay.query(context().oper, outTradeNo)).payment);
      expect(notice).to.deep.include({ outTradeNo, tradeState: 'SUCCESS', amountFen: 3990, payerOpenId: context().payerOpenId });
    });

    it('opens the refund notification sent once the refund succeeded: the refund accepted, now SUCCESS', async () => {
      const { outTradeNo, outRefundNo, accepted } = await refunded();
      const notice = openRefund(await context().refundNotification(outRefundNo))();
      expect(notice).to.deep.include({ outTradeNo, outRefundNo, refundId: accepted.refundId, state: 'SUCCESS', refundFen: 1000 });
    });

    it('rejects a notification whose body was altered, or that carries no signature', async () => {
      const payment = await context().paymentNotification(await paidTransaction(context()));
      await rejected(openPayment(altered(payment)));
      await rejected(openPayment(unsigned(payment)));
      const refund = await context().refundNotification((await refunded()).outRefundNo);
      await rejected(openRefund(altered(refund)));
      await rejected(openRefund(unsigned(refund)));
    });

    it('rejects a refund notification opened as a payment, and a payment notification opened as a refund', async () => {
      const payment = await context().paymentNotification(await paidTransaction(context()));
      const refund = await context().refundNotification((await refunded()).outRefundNo);
      await rejected(openPayment(refund));
      await rejected(openRefund(payment));
    });
  });
}
