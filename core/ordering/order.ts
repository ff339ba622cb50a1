import { Money } from '../shared/money.js';
import { ItemStatus, OrderStatus, type RefundStatus } from './order-status.js';

/** An order of one goods, `buyNumber` units. Money in fen; goods and merchant names as bought. */
export interface Order {
  readonly id: number;
  readonly operId: number;
  readonly orderNo: string;
  readonly userId: number;
  readonly notifyMobile: string | null;
  readonly merchantId: number;
  readonly merchantName: string;
  readonly goodsId: number;
  readonly goodsName: string;
  readonly goodsPic: string;
  readonly goodsThumbUrl: string;
  readonly price: number;
  readonly buyNumber: number;
  readonly payPrice: number;
  /** When a WeChat Pay prepay was first asked for: only then can WeChat Pay have taken money. */
  readonly prepaidAt: Date | null;
  readonly payTime: Date | null;
  readonly transactionId: string | null;
  readonly refundPrice: number | null;
  readonly refundTime: Date | null;
  readonly status: OrderStatus;
  readonly createdAt: Date;
}

export type NewOrder = Omit<Order, 'id' | 'prepaidAt' | 'payTime' | 'transactionId' | 'refundPrice' | 'refundTime' | 'status'>;

/** A verification code: one per unit bought, issued when the payment is confirmed. */
export interface OrderItem {
  readonly id: number;
  readonly orderId: number;
  /** 12 digits, unique, unguessable. */
  readonly verifyCode: string;
  readonly status: ItemStatus;
  readonly usedAt: Date | null;
}

/**
 * One attempt at refunding an order's unused codes. A retried call of the same attempt reuses its
 * `out_refund_no`, so WeChat Pay never refunds it twice; after a failed attempt a new one gets a
 * new number. The failed records are kept.
 */
export interface Refund {
  readonly id: number;
  readonly orderId: number;
  readonly orderNo: string;
  readonly operId: number;
  /** 1 for the order's first attempt, then 2, … */
  readonly attempt: number;
  readonly outRefundNo: string;
  readonly amount: number;
  /** WeChat's id, once WeChat accepted the refund. */
  readonly refundId: string | null;
  readonly status: RefundStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewRefund = Omit<Refund, 'id' | 'refundId' | 'status' | 'updatedAt'>;

/** At most 99 units in one order. */
export const MAX_UNITS_PER_ORDER = 99;

/** What an order of `count` units at `price` fen costs. */
export function payPriceOf(price: number, count: number): number {
  return Money.fen(price).times(count).fen;
}

/** The instant after which an unpaid order can no longer be paid (it is closed). */
export function payDeadlineOf(order: Order, payTimeoutMs: number): Date {
  return new Date(order.createdAt.getTime() + payTimeoutMs);
}

/** Unpaid and within its pay timeout: only such an order may be paid (or bridged to be paid). */
export function isPayable(order: Order, now: Date, payTimeoutMs: number): boolean {
  return order.status === OrderStatus.Unpaid && now.getTime() < payDeadlineOf(order, payTimeoutMs).getTime();
}

/** Whether `userId` owns the order. Another user's order is never revealed (50001). */
export function isOwnedBy(order: Order, userId: number): boolean {
  return order.userId === userId;
}

/** The codes a refund would take back: the unused ones of a paid order (none otherwise). */
export function refundableItems(order: Order, items: readonly OrderItem[]): OrderItem[] {
  return order.status === OrderStatus.Paid ? items.filter((item) => item.status === ItemStatus.Unused) : [];
}

/** What refunding `items` of the order gives back: the unit price for each. */
export function refundAmountOf(order: Order, items: readonly OrderItem[]): number {
  return Money.fen(order.price).times(items.length).fen;
}

/** The lock that serialises everything done to one order. */
export function orderLock(orderNo: string): string {
  return `order:${orderNo}`;
}

/** The lock that serialises one user's new orders (the unpaid-orders limit). */
export function userOrdersLock(userId: number): string {
  return `user-orders:${userId}`;
}
