import type { Scheduled } from './check-schedule.js';
import type { NewRefund, Refund } from './order.js';
import type { Move, RefundStatus } from './order-status.js';

/** Refund records, one per attempt: unique per (order, attempt) and per `out_refund_no`. */
export interface RefundRepository {
  findById(id: number): Promise<Refund | null>;
  findByOutRefundNo(outRefundNo: string): Promise<Refund | null>;
  /** The order's latest attempt, or null. */
  latestOf(orderId: number): Promise<Refund | null>;
  /** The order's attempts, newest first. */
  listOf(orderId: number): Promise<Refund[]>;
  /**
   * A new attempt, processing, its first check due at `firstCheckAt`. Rejects with
   * {@link RefundAttemptTaken}, writing nothing, when the order has that attempt or the number is taken.
   */
  add(refund: NewRefund, firstCheckAt: Date): Promise<Refund>;
  /** Moves the refund along `move` only if it is in one of `move.from` now. */
  transition(id: number, move: Move<RefundStatus>, now: Date): Promise<boolean>;
  /** Records WeChat's refund id, only while the refund is processing and has none. */
  recordRefundId(id: number, refundId: string, now: Date): Promise<void>;

  /** Processing refunds whose next check is due, soonest due first. */
  findProcessingToCheck(now: Date, limit: number): Promise<Scheduled<Refund>[]>;
  /** As {@link OrderRepository.claimCheck}, for a refund. */
  claimCheck(id: number, checks: number, nextCheckAt: Date, now: Date, dueBy?: Date): Promise<boolean>;
  /** As {@link OrderRepository.claimReadCheck}, for a refund. */
  claimReadCheck(id: number, lastBefore: Date, now: Date): Promise<boolean>;
}

export class RefundAttemptTaken extends Error {
  override readonly name = 'RefundAttemptTaken';
}
