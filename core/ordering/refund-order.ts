import { type Caller, requireUser } from '../identity/caller.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories, UnitOfWork } from '../shared/repositories.js';
import { outRefundNoOf } from './order-numbers.js';
import { ownOrder } from './order-access.js';
import { completeRefund } from './complete-refund.js';
import { ItemStatus, OrderStatus, RefundStatus } from './order-status.js';
import type { Refund } from './order.js';
import type { PaymentSettings } from './payment-settings.js';
import { orderLock } from './record-payment.js';
import type { WechatPay, WechatRefundState } from './wechat-pay.js';

const STATUS_OF: Record<WechatRefundState, RefundStatus> = {
  PROCESSING: RefundStatus.Processing,
  SUCCESS: RefundStatus.Succeeded,
  FAILED: RefundStatus.Failed,
};

/**
 * `/order/refund`: refunds the unused codes of the caller's paid order (else 50002) through the
 * owning oper's WeChat Pay account, in three steps so that nothing is half-written:
 * 1. under the order's lock, the order's one refund is fixed (amount of the unused codes,
 *    `out_refund_no` stable per order); redeeming is refused from then on;
 * 2. WeChat Pay refunds it (the same `out_refund_no` every time, so a retry never pays twice;
 *    if WeChat fails the answer is 70012 and the order stays paid, to be refunded again);
 * 3. under the lock, the order becomes refunded and its unused codes refunded, once (the refund
 *    notification does the same, should WeChat's answer to step 2 have been lost).
 * Taps in parallel with the first get the same refund; once the order is refunded, 50002.
 */
export class RefundOrder {
  constructor(
    private readonly repositories: Repositories,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly settings: PaymentSettings,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<Refund> {
    const { id: orderId, operId } = await ownOrder(this.repositories.orders, requireUser(caller), orderNo);
    const oper = await this.repositories.opers.findById(operId);
    if (!oper?.pay) throw new DomainError(70012, '微信接口调用失败: 该运营中心未配置微信支付');
    const refund = await this.uow.run(async ({ locks, orders, refunds }) => {
      await locks.acquire(orderLock(orderNo));
      const order = await orders.findByNo(orderNo);
      if (!order || order.status !== OrderStatus.Paid) throw new DomainError(50002);
      const existing = await refunds.findByOrder(orderId);
      if (existing) return existing;
      const unused = ((await orders.itemsOf([orderId])).get(orderId) ?? []).filter((i) => i.status === ItemStatus.Unused);
      if (unused.length === 0) throw new DomainError(50002);
      return refunds.findOrCreate({
        orderId,
        orderNo,
        operId: order.operId,
        outRefundNo: outRefundNoOf(orderNo),
        amount: unused.length * order.price,
        createdAt: this.clock.now(),
      });
    });

    const order = (await this.repositories.orders.findByNo(orderNo))!;
    const accepted = await this.wechatPay.refund(oper, {
      outTradeNo: orderNo,
      outRefundNo: refund.outRefundNo,
      refundFen: refund.amount,
      totalFen: order.payPrice,
      reason: '用户申请退款',
      notifyUrl: this.settings.refundNotifyUrl(oper.id),
    });

    return this.uow.run(async (repositories) => {
      await completeRefund(repositories, refund, accepted.refundId, STATUS_OF[accepted.state], this.clock.now());
      return (await repositories.refunds.findByOrder(orderId))!;
    });
  }
}
