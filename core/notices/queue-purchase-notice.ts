import type { UserRepository } from '../identity/user-repository.js';
import type { Order } from '../ordering/order.js';
import type { PurchaseNoticeRepository } from './purchase-notice-repository.js';

/** The repositories {@link queuePurchaseNotice} writes with: those of the payment's transaction. */
export interface PurchaseNoticeOutbox {
  readonly purchaseNotices: PurchaseNoticeRepository;
  readonly users: UserRepository;
}

/**
 * Queues the purchase notice of an order whose payment is being recorded. Call it inside the
 * payment's transaction, so that the notice exists if and only if the payment does (an outbox);
 * {@link SendPurchaseNotices} sends it later. It goes to the order's `notify_mobile`, or to the
 * buyer's mobile for an order that has none (orders made before the default existed). A second
 * call for the order writes nothing.
 */
export async function queuePurchaseNotice(outbox: PurchaseNoticeOutbox, order: Order, now: Date): Promise<void> {
  const mobile = order.notifyMobile ?? (await outbox.users.findById(order.userId))?.mobile;
  if (!mobile) return;
  await outbox.purchaseNotices.add({ orderId: order.id, orderNo: order.orderNo, mobile, createdAt: now });
}
