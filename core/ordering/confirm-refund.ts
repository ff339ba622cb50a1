import type { Clock } from '../shared/clock.js';
import type { Repositories, UnitOfWork } from '../shared/repositories.js';
import { RefundStatus } from './order-status.js';
import { NotificationRejected, type RawNotification, type WechatPay } from './wechat-pay.js';

export type RefundNotificationOutcome = 'settled' | 'already-settled' | 'unknown-refund' | 'rejected';

/** WeChat Pay's refund notification: the refund moves from processing to succeeded or failed, once. */
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
    return this.uow.run(async ({ refunds }) => {
      const refund = await refunds.findByOutRefundNo(notice.outRefundNo);
      if (!refund || refund.operId !== oper.id) return 'unknown-refund';
      const settled = await refunds.settle(refund.id, notice.refundId, status, this.clock.now());
      return settled ? 'settled' : 'already-settled';
    });
  }
}
