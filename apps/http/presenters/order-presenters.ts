import {
  type Order,
  type OrderDetail,
  type OrderWithItems,
  OrderStatus,
  type PaySdkConfig,
  type Refund,
  formatFen,
  formatShanghaiDateTime,
} from '../../../core/index.js';

/** Maps orders, refunds and payment configurations to the seed's JSON field names. */

const time = (at: Date | null) => (at === null ? null : formatShanghaiDateTime(at));

export function orderJson({ order: o, items }: OrderWithItems, userName: string, operId: number) {
  return {
    id: o.id,
    oper_id: o.operId,
    order_no: o.orderNo,
    user_id: o.userId,
    user_name: userName,
    notify_mobile: o.notifyMobile,
    merchant_id: o.merchantId,
    merchant_name: o.merchantName,
    goods_id: o.goodsId,
    goods_name: o.goodsName,
    goods_pic: o.goodsPic,
    goods_thumb_url: o.goodsThumbUrl,
    price: formatFen(o.price),
    buy_number: o.buyNumber,
    pay_price: formatFen(o.payPrice),
    pay_time: time(o.payTime),
    refund_price: o.refundPrice === null ? null : formatFen(o.refundPrice),
    refund_time: time(o.refundTime),
    status: o.status,
    created_at: formatShanghaiDateTime(o.createdAt),
    ...(hasItems(o) ? { items: items.map((i) => ({ id: i.id, order_id: i.orderId, verify_code: i.verifyCode, status: i.status })) } : {}),
    isOperSelf: o.operId === operId ? 1 : 0,
  };
}

/** `/order/detail`: an order as listed, with its refund attempts newest first. */
export function orderDetailJson(detail: OrderDetail, userName: string, operId: number) {
  return { ...orderJson(detail, userName, operId), refunds: detail.refunds.map(refundJson) };
}

/** Codes exist from payment on: paid, refunded, completed. */
function hasItems(order: Order): boolean {
  return order.status === OrderStatus.Paid || order.status === OrderStatus.Refunded || order.status === OrderStatus.Completed;
}

export function refundJson(r: Refund) {
  return {
    id: r.id,
    order_id: r.orderId,
    order_no: r.orderNo,
    amount: formatFen(r.amount),
    updated_at: formatShanghaiDateTime(r.updatedAt),
    created_at: formatShanghaiDateTime(r.createdAt),
    refund_id: r.refundId,
    status: r.status,
  };
}

/**
 * What `wx.requestPayment` takes. `timeStamp` (WeChat's spelling) beside the seed's `timestamp`,
 * same value, so the mini program can pass the object as it is.
 */
export function sdkConfigJson(c: PaySdkConfig) {
  return {
    appId: c.appId,
    nonceStr: c.nonceStr,
    package: c.package,
    signType: c.signType,
    paySign: c.paySign,
    timestamp: c.timestamp,
    timeStamp: c.timestamp,
  };
}
