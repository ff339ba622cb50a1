import type { Repositories } from '../shared/repositories.js';
import { ItemStatus, OrderStatus, type RefundStatus } from './order-status.js';
import type { Refund } from './order.js';
import { orderLock } from './record-payment.js';

/**
 * The order side of a refund WeChat Pay accepted: under the order's lock, the paid order becomes
 * refunded and its unused codes refunded (once, whoever gets here first: the refund call or the
 * refund notification), and the refund records WeChat's id and state while still processing.
 * Run inside a unit of work.
 */
export async function completeRefund(
  repositories: Repositories,
  refund: Refund,
  refundId: string | null,
  status: RefundStatus,
  now: Date,
): Promise<boolean> {
  const { locks, orders, refunds } = repositories;
  await locks.acquire(orderLock(refund.orderNo));
  const changes = { refundPrice: refund.amount, refundTime: now };
  if (await orders.transition(refund.orderId, [OrderStatus.Paid], OrderStatus.Refunded, changes, now)) {
    await orders.moveItems(refund.orderId, ItemStatus.Unused, ItemStatus.Refunded, now);
  }
  return refunds.settle(refund.id, refundId, status, now);
}
