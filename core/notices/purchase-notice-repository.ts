import type { NewPurchaseNotice, PurchaseNotice } from './purchase-notice.js';

/**
 * The purchase notices (an outbox). Every change after `add` is a conditional write, so that of
 * several instances running the notice job only one works on a notice at a time.
 */
export interface PurchaseNoticeRepository {
  /** Queues a pending notice, due at once; false (and nothing written) when the order has one. */
  add(notice: NewPurchaseNotice): Promise<boolean>;
  /** The notice of an order, whatever its state (for operators: `order` in the CLI). */
  findByOrder(orderId: number): Promise<PurchaseNotice | null>;
  /** Pending notices due at `now` (`nextAttemptAt <= now`), earliest due first, at most `limit`. */
  findDue(now: Date, limit: number): Promise<PurchaseNotice[]>;
  /**
   * Begins an attempt on a notice read with `attempts`: only if it is still pending, due at `now`
   * and nobody began another attempt since (`attempts` unchanged). Counts the attempt, records
   * `token` as the claim and makes the notice due again only at `leaseUntil` (so a claimer that
   * dies is relieved then). False when another instance got there first.
   */
  claim(id: number, attempts: number, token: string, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Records that `sentParts` messages are sent, if `token` still holds the claim. */
  recordProgress(id: number, token: string, sentParts: number, now: Date): Promise<boolean>;
  /** Marks the notice sent and ends the claim, if `token` still holds it. */
  markSent(id: number, token: string, now: Date): Promise<boolean>;
  /**
   * Ends a failed attempt, if `token` still holds the claim: pending again, due at `retryAt`, or
   * failed for good when `retryAt` is null. `error` is a short reason without content.
   */
  markAttemptFailed(id: number, token: string, error: string, retryAt: Date | null, now: Date): Promise<boolean>;
}
