import type { Oper } from '../tenancy/oper.js';

/** What `wx.requestPayment` needs (WeChat Pay API v3, JSAPI). */
export interface PaySdkConfig {
  readonly appId: string;
  /** Seconds since the epoch, as a string. */
  readonly timestamp: string;
  readonly nonceStr: string;
  /** `prepay_id=…` */
  readonly package: string;
  readonly signType: 'RSA';
  /** Base64 RSA-SHA256 of `appId\ntimeStamp\nnonceStr\npackage\n` with the merchant key. */
  readonly paySign: string;
}

export interface PrepayRequest {
  /** The mini program the payer pays in (the oper's own). */
  readonly appid: string;
  readonly outTradeNo: string;
  readonly description: string;
  readonly amountFen: number;
  readonly payerOpenId: string;
  /** WeChat closes the transaction by itself after this instant. */
  readonly expiresAt: Date;
  readonly notifyUrl: string;
}

export interface RefundRequest {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly refundFen: number;
  readonly totalFen: number;
  readonly reason: string;
  readonly notifyUrl: string;
}

/** WeChat's refund states, reduced: 1 processing, 2 succeeded, 3 failed (closed or abnormal). */
export type WechatRefundState = 'PROCESSING' | 'SUCCESS' | 'FAILED';

/** A refund as WeChat Pay reports it: in the refund call's answer, a notification or a query. */
export interface RefundFinding {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly state: WechatRefundState;
  /** The amount refunded, fen. */
  readonly refundFen: number;
}

/** The refund call's answer: WeChat accepted the refund (usually still processing). */
export type RefundAccepted = RefundFinding;

/** A payment notification whose signature was verified and whose resource was decrypted. */
export interface PaymentNotice {
  /** The merchant account and the mini program paid in: both must be the oper's. */
  readonly mchid: string;
  readonly appid: string;
  readonly outTradeNo: string;
  readonly transactionId: string;
  /** Only `SUCCESS` notices confirm a payment. */
  readonly tradeState: string;
  readonly amountFen: number;
  readonly payerOpenId: string;
  readonly successTime: Date | null;
}

/** A refund notification whose signature was verified and whose resource was decrypted. */
export type RefundNotice = RefundFinding;

/** Headers and the raw body of a notification, exactly as received. */
export interface RawNotification {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/**
 * WeChat Pay API v3 for one oper's merchant account (the oper's `pay` configuration).
 * Calls throw DomainError 70012 when WeChat Pay is unreachable, slow, answers 5xx, answers
 * something malformed or with a bad signature; every call is safe to repeat.
 */
export interface WechatPay {
  /** Throws {@link TransactionPaid} when WeChat Pay answers that the transaction is paid already. */
  prepay(oper: Oper, request: PrepayRequest): Promise<{ prepayId: string }>;
  /** Signs a fresh `wx.requestPayment` configuration for a prepay id. */
  sdkConfig(oper: Oper, appid: string, prepayId: string): Promise<PaySdkConfig>;
  /**
   * The transaction's state as WeChat Pay knows it (`NOTPAY`, `SUCCESS`, `CLOSED`, …); a
   * transaction unknown to WeChat answers `NOTPAY`. A `SUCCESS` carries the payment itself.
   */
  query(oper: Oper, outTradeNo: string): Promise<{ tradeState: string; payment: PaymentNotice | null }>;
  /**
   * Closes an unpaid transaction; closing one already closed or never created is not an error.
   * `paid` when WeChat Pay refuses because the payer paid (`ORDER_PAID`): the payment must be
   * recorded, not the order closed.
   */
  close(oper: Oper, outTradeNo: string): Promise<'closed' | 'paid'>;
  /**
   * Asks for a refund; the same `out_refund_no` again answers the same refund. Throws
   * {@link RefundRefused} when WeChat Pay refuses it for good (no refund was made: a new attempt
   * may follow), DomainError 70012 when the outcome is unknown (retry the same number).
   */
  refund(oper: Oper, request: RefundRequest): Promise<RefundAccepted>;
  /** The refund as WeChat Pay knows it; null when WeChat Pay never received it. */
  queryRefund(oper: Oper, outRefundNo: string): Promise<RefundFinding | null>;
  /**
   * Verifies the signature (platform key, timestamp window) and decrypts the resource.
   * Throws {@link NotificationRejected} when it is not a genuine notification.
   */
  openPaymentNotice(oper: Oper, notification: RawNotification): PaymentNotice;
  openRefundNotice(oper: Oper, notification: RawNotification): RefundNotice;
}

/** A notification that failed verification or decryption: nothing may change because of it. */
export class NotificationRejected extends Error {
  override readonly name = 'NotificationRejected';
}

/** WeChat Pay refused a refund for good (e.g. `NOT_ENOUGH`): it made none, and says why. */
export class RefundRefused extends Error {
  override readonly name = 'RefundRefused';

  constructor(readonly wechatCode: string) {
    super(`WeChat Pay refused the refund: ${wechatCode}`);
  }
}

/** WeChat Pay says the transaction is paid already (`ORDER_PAID`): record the payment, ask none. */
export class TransactionPaid extends Error {
  override readonly name = 'TransactionPaid';
}
