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

export interface RefundAccepted {
  readonly refundId: string;
  readonly state: WechatRefundState;
}

/** A payment notification whose signature was verified and whose resource was decrypted. */
export interface PaymentNotice {
  readonly outTradeNo: string;
  readonly transactionId: string;
  /** Only `SUCCESS` notices confirm a payment. */
  readonly tradeState: string;
  readonly amountFen: number;
  readonly payerOpenId: string;
  readonly successTime: Date | null;
}

export interface RefundNotice {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly state: WechatRefundState;
  readonly refundFen: number;
}

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
  prepay(oper: Oper, request: PrepayRequest): Promise<{ prepayId: string }>;
  /** Signs a fresh `wx.requestPayment` configuration for a prepay id. */
  sdkConfig(oper: Oper, appid: string, prepayId: string): PaySdkConfig;
  /**
   * The transaction's state as WeChat Pay knows it (`NOTPAY`, `SUCCESS`, `CLOSED`, …); a
   * transaction WeChat has never seen answers `NOTPAY`. A `SUCCESS` carries the payment itself.
   */
  query(oper: Oper, outTradeNo: string): Promise<{ tradeState: string; payment: PaymentNotice | null }>;
  /** Closes an unpaid transaction; closing one already closed or never created is not an error. */
  close(oper: Oper, outTradeNo: string): Promise<void>;
  refund(oper: Oper, request: RefundRequest): Promise<RefundAccepted>;
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
