import { type Caller, requireUser } from '../identity/caller.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories, UnitOfWork } from '../repositories.js';
import { CHECK_SCHEDULE } from './check-schedule.js';
import { ownOrder } from './order-access.js';
import { OrderNo } from './order-numbers.js';
import { RefundStatus } from './order-status.js';
import { type Refund, orderLock, refundAmountOf, refundableItems } from './order.js';
import type { RefundSubmission } from './refund-submission.js';

/**
 * `/order/refund`: refunds the unused codes of the caller's paid order (else 50002) through the
 * owning oper's WeChat Pay account, in three steps so that nothing is half-written:
 * 1. under the order's lock, the attempt is fixed: the processing one if a call of it was cut
 *    short (the same `out_refund_no`, so a retry never pays twice), else a new one (amount of
 *    the unused codes, a new number); redeeming is refused while it is processing;
 * 2. WeChat Pay refunds it; if the outcome is unknown the answer is 70012 and the attempt stays
 *    processing, to be retried by the user or checked by the reconciliation;
 * 3. the answer is recorded (see settleRefund): the order refunded with its unused codes, or,
 *    when WeChat refused, the attempt failed and the order as it was, to be refunded again.
 * Taps in parallel with the first get the same attempt; once the order is refunded, 50002.
 */
export class RefundOrder {
  constructor(
    private readonly ports: Pick<Repositories, 'orders' | 'opers' | 'refunds'>,
    private readonly uow: UnitOfWork,
    private readonly submission: RefundSubmission,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<Refund> {
    const { id: orderId, operId, payPrice } = await ownOrder(this.ports.orders, requireUser(caller), orderNo);
    const oper = await this.ports.opers.findById(operId);
    if (!oper?.pay) throw new DomainError(70012, '微信接口调用失败: 该运营中心未配置微信支付');
    const now = this.clock.now();
    const refund = await this.uow.run(async ({ locks, orders, refunds }) => {
      await locks.acquire(orderLock(orderNo));
      const order = await orders.findByNo(orderNo);
      const latest = await refunds.latestOf(orderId);
      if (order && latest?.status === RefundStatus.Processing && latest.refundId === null) return latest;
      const items = order ? refundableItems(order, (await orders.itemsOf([orderId])).get(orderId) ?? []) : [];
      if (!order || items.length === 0) throw new DomainError(50002);
      const attempt = (latest?.attempt ?? 0) + 1;
      const fields = { orderId, orderNo, operId, attempt, amount: refundAmountOf(order, items), createdAt: now };
      return refunds.add({ ...fields, outRefundNo: OrderNo.parse(orderNo).refundNo(attempt) }, new Date(now.getTime() + CHECK_SCHEDULE.firstMs));
    });
    await this.submission.submit(oper, refund, payPrice, now);
    return (await this.ports.refunds.findById(refund.id))!;
  }
}
