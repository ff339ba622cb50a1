import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import type { Repositories, UnitOfWork } from '../repositories.js';
import { type OrderingLog, silentOrderingLog } from './ordering-log.js';
import { type PaymentOutcome, recordPayment } from './record-payment.js';
import { NotificationRejected, type RawNotification, type WechatPay } from './wechat-pay.js';

export type NotificationOutcome = PaymentOutcome | 'not-a-success' | 'rejected';

/**
 * WeChat Pay's payment notification for an oper. A notification that is not genuine, of another
 * merchant account or mini program, or whose amount differs from the order's, changes nothing.
 * The caller answers WeChat: `recorded`, `already-recorded` and `not-a-success` are
 * acknowledged; the rest are refused so WeChat retries and the operator sees them.
 */
export class ConfirmPayment {
  constructor(
    private readonly ports: Pick<Repositories, 'opers'>,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly random: Random,
    private readonly clock: Clock,
    private readonly log: OrderingLog = silentOrderingLog,
  ) {}

  async execute({ operId, notification }: { operId: number; notification: RawNotification }): Promise<NotificationOutcome> {
    const oper = await this.ports.opers.findById(operId);
    if (!oper?.pay) return 'rejected';
    let notice;
    try {
      notice = this.wechatPay.openPaymentNotice(oper, notification);
    } catch (error) {
      if (error instanceof NotificationRejected) return 'rejected';
      throw error;
    }
    if (notice.tradeState !== 'SUCCESS') return 'not-a-success';
    return recordPayment(this.uow, this.random, oper, notice, this.clock.now(), this.log);
  }
}
