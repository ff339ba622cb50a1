import { OrderStatus, type ItemStatus, type NewOrder, type Order, type OrderChanges, type OrderItem } from '../../core/index.js';

/** A row of `orders`. Times are BIGINT milliseconds. */
export interface OrderRow {
  id: number;
  oper_id: number;
  order_no: string;
  user_id: number;
  notify_mobile: string | null;
  merchant_id: number;
  merchant_name: string;
  goods_id: number;
  goods_name: string;
  goods_pic: string;
  goods_thumb_url: string;
  price: number;
  buy_number: number;
  pay_price: number;
  prepaid_at: number | null;
  pay_time: number | null;
  transaction_id: string | null;
  refund_price: number | null;
  refund_time: number | null;
  status: number;
  created_at: number;
  updated_at: number;
  check_count: number;
  next_check_at: number;
  checked_at: number | null;
}

/** A row of `order_items`: one verification code. */
export interface OrderItemRow {
  id: number;
  order_id: number;
  verify_code: string;
  status: number;
  used_at: number | null;
  created_at: number;
  updated_at: number;
}

export function dateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(Number(ms));
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}

export function orderFromRow(row: OrderRow): Order {
  return {
    id: Number(row.id),
    operId: Number(row.oper_id),
    orderNo: row.order_no,
    userId: Number(row.user_id),
    notifyMobile: row.notify_mobile,
    merchantId: Number(row.merchant_id),
    merchantName: row.merchant_name,
    goodsId: Number(row.goods_id),
    goodsName: row.goods_name,
    goodsPic: row.goods_pic,
    goodsThumbUrl: row.goods_thumb_url,
    price: Number(row.price),
    buyNumber: Number(row.buy_number),
    payPrice: Number(row.pay_price),
    prepaidAt: dateOrNull(row.prepaid_at),
    payTime: dateOrNull(row.pay_time),
    transactionId: row.transaction_id,
    refundPrice: numberOrNull(row.refund_price),
    refundTime: dateOrNull(row.refund_time),
    status: Number(row.status) as OrderStatus,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** The row of a new order: unpaid, nothing paid or refunded yet. */
export function newOrderRow(order: NewOrder): Omit<OrderRow, 'id'> {
  const at = order.createdAt.getTime();
  return {
    oper_id: order.operId,
    order_no: order.orderNo,
    user_id: order.userId,
    notify_mobile: order.notifyMobile,
    merchant_id: order.merchantId,
    merchant_name: order.merchantName,
    goods_id: order.goodsId,
    goods_name: order.goodsName,
    goods_pic: order.goodsPic,
    goods_thumb_url: order.goodsThumbUrl,
    price: order.price,
    buy_number: order.buyNumber,
    pay_price: order.payPrice,
    prepaid_at: null,
    pay_time: null,
    transaction_id: null,
    refund_price: null,
    refund_time: null,
    status: OrderStatus.Unpaid,
    created_at: at,
    updated_at: at,
    check_count: 0,
    next_check_at: at,
    checked_at: null,
  };
}

/** The columns a transition also writes: only the changes given. */
export function changeColumns(changes: OrderChanges): Partial<OrderRow> {
  const columns: Partial<OrderRow> = {};
  if (changes.payTime !== undefined) columns.pay_time = changes.payTime.getTime();
  if (changes.transactionId !== undefined) columns.transaction_id = changes.transactionId;
  if (changes.refundPrice !== undefined) columns.refund_price = changes.refundPrice;
  if (changes.refundTime !== undefined) columns.refund_time = changes.refundTime === null ? null : changes.refundTime.getTime();
  return columns;
}

export function orderItemFromRow(row: OrderItemRow): OrderItem {
  return {
    id: Number(row.id),
    orderId: Number(row.order_id),
    verifyCode: row.verify_code,
    status: Number(row.status) as ItemStatus,
    usedAt: dateOrNull(row.used_at),
  };
}
