import type { ItemStatus, OrderStatus, RefundStatus } from './order-status.js';

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
  readonly payTime: Date | null;
  readonly transactionId: string | null;
  readonly refundPrice: number | null;
  readonly refundTime: Date | null;
  readonly status: OrderStatus;
  readonly createdAt: Date;
}

export type NewOrder = Omit<Order, 'id' | 'payTime' | 'transactionId' | 'refundPrice' | 'refundTime' | 'status'>;

/** A verification code: one per unit bought, issued when the payment is confirmed. */
export interface OrderItem {
  readonly id: number;
  readonly orderId: number;
  /** 12 digits, unique, unguessable. */
  readonly verifyCode: string;
  readonly status: ItemStatus;
  readonly usedAt: Date | null;
}

/** The refund of an order's unused codes; one per order, so a retry never pays twice. */
export interface Refund {
  readonly id: number;
  readonly orderId: number;
  readonly orderNo: string;
  readonly operId: number;
  /** Stable per order: WeChat Pay refunds one `out_refund_no` once. */
  readonly outRefundNo: string;
  readonly amount: number;
  /** WeChat's id, once WeChat accepted the refund. */
  readonly refundId: string | null;
  readonly status: RefundStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewRefund = Omit<Refund, 'id' | 'refundId' | 'status' | 'updatedAt'>;
