import type { Clock } from '../shared/clock.js';
import type { Repositories } from '../repositories.js';
import { type OrderingLog, silentOrderingLog } from './ordering-log.js';
import type { RefundSubmission } from './refund-submission.js';
import { NotificationRejected, type RawNotification, type WechatPay } from './wechat-pay.js';

export type RefundNotificationOutcome = 'settled' | 'already-settled' | 'amount-mismatch' | 'unknown-refund' | 'rejected';

/**
 * WeChat Pay's refund notification: recorded as any report of the attempt is (see settleRefund):
 * a success ends it, `ABNORMAL`/`CLOSED` end it failed and give the order back what it took. A
 * notice of an unknown refund, or whose amount is not the attempt's, is refused (WeChat retries)
 * and logged.
 */
export class ConfirmRefund {
  constructor(
    private readonly ports: Pick<Repositories, 'opers' | 'refunds'>,
    private readonly wechatPay: WechatPay,
    private readonly submission: RefundSubmission,
    private readonly clock: Clock,
    private readonly log: OrderingLog = silentOrderingLog,
  ) {}

  async execute({ operId, notification }: { operId: number; notification: RawNotification }): Promise<RefundNotificationOutcome> {
    const oper = await this.ports.opers.findById(operId);
    if (!oper?.pay) return 'rejected';
    let notice;
    try {
      notice = this.wechatPay.openRefundNotice(oper, notification);
    } catch (error) {
      if (error instanceof NotificationRejected) return 'rejected';
      throw error;
    }
    const refund = await this.ports.refunds.findByOutRefundNo(notice.outRefundNo);
    if (!refund || refund.operId !== oper.id || refund.orderNo !== notice.outTradeNo) {
      this.log.warn({ orderNo: notice.outTradeNo, outRefundNo: notice.outRefundNo, operId }, 'refund notification refused: no such refund of the oper');
      return 'unknown-refund';
    }
    const settled = await this.submission.record(refund, notice, 'notification', this.clock.now());
    return settled === 'settled' ? 'settled' : settled === 'amount-mismatch' ? 'amount-mismatch' : 'already-settled';
  }
}
