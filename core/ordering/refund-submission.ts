import type { UnitOfWork } from '../repositories.js';
import type { Oper } from '../tenancy/oper.js';
import type { Refund } from './order.js';
import { type OrderingLog, silentOrderingLog } from './ordering-log.js';
import type { PaymentSettings } from './payment-settings.js';
import { type RefundSettlement, type RefundSource, settleRefund } from './settle-refund.js';
import { type RefundFinding, RefundRefused, type WechatPay } from './wechat-pay.js';

const REFUND_REASON = '用户申请退款';

/**
 * Sends a refund attempt to WeChat Pay and records the answer; used for the first call, a retry
 * of the same attempt (same `out_refund_no`, so WeChat refunds it once), and a check that finds
 * WeChat never received it. A refusal for good ends the attempt failed, once a query confirms
 * WeChat Pay holds no refund of that number. Throws DomainError 70012 when the outcome is unknown:
 * the attempt stays processing, to be retried or checked.
 */
export class RefundSubmission {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly settings: PaymentSettings,
    private readonly log: OrderingLog = silentOrderingLog,
  ) {}

  async submit(oper: Oper, refund: Refund, totalFen: number, now: Date): Promise<RefundSettlement> {
    let finding: RefundFinding;
    try {
      finding = await this.wechatPay.refund(oper, {
        outTradeNo: refund.orderNo,
        outRefundNo: refund.outRefundNo,
        refundFen: refund.amount,
        totalFen,
        reason: REFUND_REASON,
        notifyUrl: this.settings.refundNotifyUrl(oper.id),
      });
    } catch (error) {
      if (!(error instanceof RefundRefused)) throw error;
      this.log.warn({ orderNo: refund.orderNo, outRefundNo: refund.outRefundNo, wechatCode: error.wechatCode }, 'refund refused by WeChat Pay');
      // A refusal ends the attempt only if WeChat Pay holds no refund of that number (a repeat
      // it found inconsistent with an earlier call would be refused while that one goes on).
      const existing = await this.wechatPay.queryRefund(oper, refund.outRefundNo);
      if (existing !== null) return this.record(refund, existing, 'query', now);
      return this.record(refund, { state: 'FAILED', refundId: null, refundFen: null }, 'answer', now);
    }
    return this.record(refund, finding, 'answer', now);
  }

  /** Records a finding (answer, notification or query) about the attempt. */
  record(
    refund: Refund,
    finding: Parameters<typeof settleRefund>[2],
    source: RefundSource,
    now: Date,
  ): Promise<RefundSettlement> {
    return this.uow.run((repositories) => settleRefund(repositories, refund, finding, source, now, this.log));
  }

  /**
   * Asks WeChat Pay how the attempt went and records it; an attempt WeChat never received (its
   * call failed before reaching WeChat) is sent again with its own number.
   */
  async check(oper: Oper, refund: Refund, totalFen: number, now: Date): Promise<RefundSettlement> {
    const finding = await this.wechatPay.queryRefund(oper, refund.outRefundNo);
    if (finding === null) return this.submit(oper, refund, totalFen, now);
    return this.record(refund, finding, 'query', now);
  }
}
