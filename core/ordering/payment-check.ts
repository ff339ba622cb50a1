import type { Random } from '../shared/random.js';
import type { UnitOfWork } from '../repositories.js';
import type { Oper } from '../tenancy/oper.js';
import type { Order } from './order.js';
import { type OrderingLog, silentOrderingLog } from './ordering-log.js';
import { type PaymentOutcome, recordPayment } from './record-payment.js';
import type { WechatPay } from './wechat-pay.js';

/** What a check of an unpaid order found: the payment's outcome, or `not-paid`. */
export type PaymentCheckOutcome = PaymentOutcome | 'not-paid';

/**
 * Asks WeChat Pay about an order's transaction and records a payment it took, as its notification
 * would have (the same {@link recordPayment}). Throws DomainError 70012 when WeChat Pay cannot
 * be reached: nothing changed.
 */
export class PaymentCheck {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly random: Random,
    private readonly log: OrderingLog = silentOrderingLog,
  ) {}

  async run(oper: Oper, order: Order, now: Date): Promise<PaymentCheckOutcome> {
    const { tradeState, payment } = await this.wechatPay.query(oper, order.orderNo);
    if (tradeState !== 'SUCCESS' || payment === null) return 'not-paid';
    return recordPayment(this.uow, this.random, oper, payment, now, this.log);
  }
}
