import type { Oper, PrepayRequest, RawNotification, RefundRequest, WechatPay } from '../../../../core/index.js';
import type { ClosableContext } from '../gateway-context.js';

/** What the WechatPay suite needs: the gateway, one merchant account, and WeChat Pay's side of the wire. */
export interface WechatPayContext extends ClosableContext {
  readonly pay: WechatPay;
  /** An enabled oper with a WeChat Pay merchant account. */
  readonly oper: Oper;
  /** The mini program payers pay in, and a payer there. */
  readonly appid: string;
  readonly payerOpenId: string;
  /** Where WeChat Pay sends the notifications the suite asks for. */
  readonly paymentNotifyUrl: string;
  readonly refundNotifyUrl: string;
  /** Now, by the gateway's clock. */
  now(): Date;
  /** The payer pays the prepaid transaction in full. */
  payerPays(outTradeNo: string): Promise<void>;
  /** The notification WeChat Pay sent about the payment of a paid transaction, as received. */
  paymentNotification(outTradeNo: string): Promise<RawNotification>;
  /** The notification WeChat Pay sent once the refund succeeded, as received. */
  refundNotification(outRefundNo: string): Promise<RawNotification>;
  /** From now on WeChat Pay cannot be reached. */
  wechatPayGoesDown(): Promise<void>;
}

let sequence = 0;

/** An out_trade_no no other test of the run uses (WeChat's rule: 6 to 32 letters and digits). */
export function newOutTradeNo(): string {
  sequence += 1;
  return `CT${Date.now()}${String(sequence).padStart(6, '0')}`;
}

/** A JSAPI prepay of 39.90 yuan by the context's payer, expiring in 30 minutes. */
export function prepayRequest(context: WechatPayContext, outTradeNo: string, overrides: Partial<PrepayRequest> = {}): PrepayRequest {
  return {
    appid: context.appid,
    outTradeNo,
    description: '咖啡双人套餐',
    amountFen: 3990,
    payerOpenId: context.payerOpenId,
    expiresAt: new Date(context.now().getTime() + 30 * 60_000),
    notifyUrl: context.paymentNotifyUrl,
    ...overrides,
  };
}

/** A refund of `refundFen` of the 39.90 yuan paid. */
export function refundRequest(context: WechatPayContext, outTradeNo: string, outRefundNo: string, refundFen = 1000): RefundRequest {
  return { outTradeNo, outRefundNo, refundFen, totalFen: 3990, reason: '用户申请退款', notifyUrl: context.refundNotifyUrl };
}

/** A transaction prepaid and paid by the context's payer; resolves to its out_trade_no. */
export async function paidTransaction(context: WechatPayContext): Promise<string> {
  const outTradeNo = newOutTradeNo();
  await context.pay.prepay(context.oper, prepayRequest(context, outTradeNo));
  await context.payerPays(outTradeNo);
  return outTradeNo;
}
