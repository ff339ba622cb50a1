import type { Clock } from '../shared/clock.js';
import type { Repositories, UnitOfWork } from '../shared/repositories.js';
import { completeRefund } from './complete-refund.js';
import { RefundStatus } from './order-status.js';
import { NotificationRejected, type RawNotification, type WechatPay } from './wechat-pay.js';

export type RefundNotificationOutcome = 'settled' | 'already-settled' | 'unknown-refund' | 'rejected';

/**
 * WeChat Pay's refund notification: the refund moves from processing to succeeded or failed, once,
 * and the order is marked refunded if the refund call's own answer never arrived.
 */
export class ConfirmRefund {
  constructor(
    private readonly repositories: Repositories,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly clock: Clock,
  ) {}

  async execute({ operId, notification }: { operId: number; notification: RawNotification }): Promise<RefundNotificationOutcome> {
    const oper = await this.repositories.opers.findById(operId);
    if (!oper?.pay) return 'rejected';
    let notice;
    try {
      notice = this.wechatPay.openRefundNotice(oper, notification);
    } catch (error) {
      if (error instanceof NotificationRejected) return 'rejected';
      throw error;
    }
    if (notice.state === 'PROCESSING') return 'already-settled';
    const status = notice.state === 'SUCCESS' ? RefundStatus.Succeeded : RefundStatus.Failed;
    return this.uow.run(async (repositories) => {
      const refund = await repositories.refunds.findByOutRefundNo(notice.outRefundNo);
      if (!refund || refund.operId !== oper.id || refund.orderNo !== notice.outTradeNo) return 'unknown-refund';
      const settled = await completeRefund(repositories, refund, notice.refundId, status, this.clock.now());
      return settled ? 'settled' : 'already-settled';
    });
  }
}
