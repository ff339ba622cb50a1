import type { NewOrder, Order, OrderItem } from './order.js';
import type { ItemStatus, OrderStatus } from './order-status.js';

/** What a conditional move of an order also writes. */
export interface OrderChanges {
  readonly payTime?: Date;
  readonly transactionId?: string;
  readonly refundPrice?: number;
  readonly refundTime?: Date;
}

export interface OrderRepository {
  /** Rejects with {@link OrderNoTaken} when the order number exists. */
  add(order: NewOrder): Promise<Order>;
  findById(id: number): Promise<Order | null>;
  findByNo(orderNo: string): Promise<Order | null>;
  /** The user's orders, newest first (then id), optionally of one status. */
  listByUser(userId: number, status: OrderStatus | null, page: number, pageSize: number): Promise<{ total: number; orders: Order[] }>;
  /**
   * Moves the order to `to` only if it is in one of `from` now (`UPDATE … WHERE status IN`), writing
   * `changes` with it. Returns false when the order was not in one of those states.
   */
  transition(orderId: number, from: readonly OrderStatus[], to: OrderStatus, changes: OrderChanges, now: Date): Promise<boolean>;
  /** Unpaid orders created before `createdBefore`, oldest first, at most `limit`. */
  findUnpaidCreatedBefore(createdBefore: Date, limit: number): Promise<Order[]>;

  /** Rejects with {@link VerifyCodeTaken} when a code exists (the caller draws another). */
  addItem(orderId: number, verifyCode: string, now: Date): Promise<OrderItem>;
  itemsOf(orderIds: readonly number[]): Promise<Map<number, OrderItem[]>>;
  findItemByCode(verifyCode: string): Promise<OrderItem | null>;
  /** Moves items of the order from `from` to `to` (all of them, or the one `itemId`); returns how many moved. */
  moveItems(orderId: number, from: ItemStatus, to: ItemStatus, now: Date, itemId?: number): Promise<number>;
}

export class OrderNoTaken extends Error {
  override readonly name = 'OrderNoTaken';
}

export class VerifyCodeTaken extends Error {
  override readonly name = 'VerifyCodeTaken';
}
