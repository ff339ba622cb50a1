import type { Move, ItemStatus, OrderStatus } from './order-status.js';
import type { NewOrder, Order, OrderItem } from './order.js';
import type { Scheduled } from './check-schedule.js';

/** What a conditional move of an order also writes (null clears a field). */
export interface OrderChanges {
  readonly payTime?: Date;
  readonly transactionId?: string;
  readonly refundPrice?: number | null;
  readonly refundTime?: Date | null;
}

export interface OrderRepository {
  /** Rejects with {@link OrderNoTaken} when the order number exists. Its first check is due at once. */
  add(order: NewOrder): Promise<Order>;
  findById(id: number): Promise<Order | null>;
  findByNo(orderNo: string): Promise<Order | null>;
  /** The user's orders, newest first (then id), optionally of one status. */
  listByUser(userId: number, status: OrderStatus | null, page: number, pageSize: number): Promise<{ total: number; orders: Order[] }>;
  /** How many of the user's orders are unpaid and were created at or after `createdFrom`. */
  countUnpaidOf(userId: number, createdFrom: Date): Promise<number>;
  /**
   * Moves the order along `move` only if it is in one of `move.from` now (`UPDATE … WHERE status
   * IN`), writing `changes` with it. Returns false when it was not.
   */
  transition(orderId: number, move: Move<OrderStatus>, changes: OrderChanges, now: Date): Promise<boolean>;
  /** Records that a prepay was asked (the first time only), with its first check due at `firstCheckAt`. */
  markPrepaid(orderId: number, at: Date, firstCheckAt: Date): Promise<void>;

  /** Unpaid orders created before `createdBefore` whose next check is due, soonest due first. */
  findExpiredUnpaid(createdBefore: Date, now: Date, limit: number): Promise<Scheduled<Order>[]>;
  /** Unpaid orders with a prepay, created at or after `createdFrom`, whose next check is due. */
  findPrepaidToCheck(createdFrom: Date, now: Date, limit: number): Promise<Scheduled<Order>[]>;
  /**
   * Claims the order's next check: only if it is due (at `dueBy`, by default `now`) and `checks`
   * checks were made (one claimant of several wins). Counts the check, sets the next one at
   * `nextCheckAt` and the last at `now`.
   */
  claimCheck(orderId: number, checks: number, nextCheckAt: Date, now: Date, dueBy?: Date): Promise<boolean>;
  /** Claims a check for a read: only if the last one was before `lastBefore` (or none). */
  claimReadCheck(orderId: number, lastBefore: Date, now: Date): Promise<boolean>;

  /** Rejects with {@link VerifyCodeTaken} when a code exists (the caller draws another). */
  addItem(orderId: number, verifyCode: string, now: Date): Promise<OrderItem>;
  itemsOf(orderIds: readonly number[]): Promise<Map<number, OrderItem[]>>;
  findItemByCode(verifyCode: string): Promise<OrderItem | null>;
  /** Moves items of the order along `move` (all in `move.from`, or the one `itemId`); returns how many moved. */
  moveItems(orderId: number, move: Move<ItemStatus>, now: Date, itemId?: number): Promise<number>;
}

export class OrderNoTaken extends Error {
  override readonly name = 'OrderNoTaken';
}

export class VerifyCodeTaken extends Error {
  override readonly name = 'VerifyCodeTaken';
}
