import type { NewRefund, Refund } from './order.js';
import type { RefundStatus } from './order-status.js';

export interface RefundRepository {
  findByOrder(orderId: number): Promise<Refund | null>;
  findByOutRefundNo(outRefundNo: string): Promise<Refund | null>;
  /** The order's refund, created from `refund` if it has none (one per order, safe under races). */
  findOrCreate(refund: NewRefund): Promise<Refund>;
  /** Records WeChat's id and state, only while the refund is still processing. Returns false otherwise. */
  settle(id: number, refundId: string | null, status: RefundStatus, now: Date): Promise<boolean>;
}
