import { expect } from 'chai';
import { DomainError, RefundRefused } from '../../../../core/index.js';
import { domainErrorOf } from '../../../unit/support/domain-error-of.js';
import { settlesLikeARemoteCall } from '../gateway-context.js';
import { newOutTradeNo, prepayRequest, refundRequest, type WechatPayContext } from './wechat-pay-context.js';

/**
 * Every method of the port that goes over the wire, called on a transaction number: a method
 * added to the port gets its failure and latency cases by one entry here.
 */
const REMOTE_CALLS: Record<string, (context: WechatPayContext, outTradeNo: string) => Promise<unknown>> = {
  prepay: (c, no) => c.pay.prepay(c.oper, prepayRequest(c, no)),
  query: (c, no) => c.pay.query(c.oper, no),
  close: (c, no) => c.pay.close(c.oper, no),
  refund: (c, no) => c.pay.refund(c.oper, refundRequest(c, no, `R${no}`)),
  queryRefund: (c, no) => c.pay.queryRefund(c.oper, `R${no}`),
};

/** What every remote call has in common: 70012 when WeChat Pay is down, and the latency of a remote call. */
export function describeFailureCases(context: () => WechatPayContext): void {
  describe('remote calls', () => {
    for (const [name, call] of Object.entries(REMOTE_CALLS)) {
      it(`${name} answers 70012 when WeChat Pay cannot be reached`, async () => {
        await context().wechatPayGoesDown();
        await domainErrorOf(call(context(), newOutTradeNo()), 70012);
      });

      it(`${name} settles as a remote call does`, async () => {
        const outcome = await settlesLikeARemoteCall(() => call(context(), newOutTradeNo()));
        // A rejection is a DomainError, or the port's refusal of a refund of a transaction never paid.
        if (outcome.status === 'rejected') expect(outcome.reason instanceof DomainError || outcome.reason instanceof RefundRefused, String(outcome.reason)).to.equal(true);
      });
    }
  });
}
