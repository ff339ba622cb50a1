import type { Caller } from '../identity/caller.js';
import { DomainError } from '../shared/domain-error.js';
import type { Oper } from '../tenancy/oper.js';
import { CHECK_SCHEDULE } from './check-schedule.js';
import type { OrderRepository } from './order-repository.js';
import { type Order, payDeadlineOf } from './order.js';
import type { PaymentSettings } from './payment-settings.js';
import type { PaySdkConfig, WechatPay } from './wechat-pay.js';

const DESCRIPTION_LIMIT = 127;

/**
 * Marks an order as prepaid (a conditional write: the first mark stays) and schedules its first
 * check, so that the reconciliation asks WeChat Pay about it: done before WeChat is asked, as
 * WeChat may take the money even if its answer is lost.
 */
export function markPrepaid(orders: OrderRepository, orderId: number, now: Date): Promise<void> {
  return orders.markPrepaid(orderId, now, new Date(now.getTime() + CHECK_SCHEDULE.firstMs));
}

/**
 * A JSAPI prepay for an unpaid order, in the caller's mini program, and the signed configuration
 * for `wx.requestPayment`. The order is marked as prepaid first (see {@link markPrepaid}) unless
 * it already is (`/order/buy` marks it in the transaction that creates it: one commit less). The
 * same order always asks with the same parameters (its expiry comes from its creation), so asking
 * again is safe. 70012 when the oper cannot take payments.
 */
export async function requestPayment(
  ports: { readonly wechatPay: WechatPay; readonly settings: PaymentSettings; readonly orders: OrderRepository },
  oper: Oper | null,
  order: Order,
  caller: Caller,
  now: Date,
): Promise<PaySdkConfig> {
  const { wechatPay, settings } = ports;
  if (!oper?.pay) throw new DomainError(70012, '微信接口调用失败: 该运营中心未配置微信支付', { order_no: order.orderNo });
  if (order.prepaidAt === null) await markPrepaid(ports.orders, order.id, now);
  try {
    const { prepayId } = await wechatPay.prepay(oper, {
      appid: caller.appid,
      outTradeNo: order.orderNo,
      description: Array.from(order.goodsName).slice(0, DESCRIPTION_LIMIT).join(''),
      amountFen: order.payPrice,
      payerOpenId: caller.openId,
      expiresAt: payDeadlineOf(order, settings.payTimeoutMs),
      notifyUrl: settings.paymentNotifyUrl(oper.id),
    });
    return await wechatPay.sdkConfig(oper, caller.appid, prepayId);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, error.message, { order_no: order.orderNo });
    throw error;
  }
}
