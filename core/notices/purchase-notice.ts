/** Where a purchase notice stands: waiting to be sent (or retried), sent, or given up. */
export const NoticeStatus = { Pending: 1, Sent: 2, Failed: 3 } as const;
export type NoticeStatus = (typeof NoticeStatus)[keyof typeof NoticeStatus];

/**
 * The purchase notice of a paid order: an outbox row written in the payment's transaction, sent
 * by {@link SendPurchaseNotices}. One per order. A notice whose codes take several SMS counts the
 * messages already sent in `sentParts`, so a retry never sends one twice.
 */
export interface PurchaseNotice {
  readonly id: number;
  readonly orderId: number;
  readonly orderNo: string;
  /** The order's `notify_mobile`. */
  readonly mobile: string;
  readonly status: NoticeStatus;
  /** Send attempts begun (each claim counts one). */
  readonly attempts: number;
  /** Messages of the notice already accepted by the provider. */
  readonly sentParts: number;
  /** When the next attempt may begin; while an attempt runs, the end of its lease. */
  readonly nextAttemptAt: Date;
  /** Why the last attempt failed: the provider's code or `timeout`, `network`…; never content. */
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

export type NewPurchaseNotice = Pick<PurchaseNotice, 'orderId' | 'orderNo' | 'mobile' | 'createdAt'>;

/**
 * The parameters of the purchase-notice template, in its order:
 * 订单号{orderNo}：{name}已下单成功，份数：{number}，使用截止日期：{endDate}，请凭券码{verifyCode}到商家进行消费，感谢您的使用。
 */
export interface PurchaseNoticeMessage {
  readonly orderNo: string;
  readonly name: string;
  readonly number: string;
  readonly endDate: string;
  /** One or more whole verification codes, joined by {@link CODE_SEPARATOR}. */
  readonly verifyCode: string;
}

/** What the notice says about one order. */
export interface PurchaseNoticeContent {
  readonly orderNo: string;
  readonly goodsName: string;
  readonly buyNumber: number;
  /** `YYYY-MM-DD`: the last day the codes can be used (the goods' end date). */
  readonly endDate: string;
  /** Every code of the order, in the order they were issued. */
  readonly codes: readonly string[];
}

export const CODE_SEPARATOR = ',';
/** The spec's cut of the goods name. */
export const NOTICE_NAME_MAX = 20;
/** The order number is shortened to its first and last this many digits. */
export const NOTICE_ORDER_NO_DIGITS = 6;

/**
 * The purchase notice as SMS messages within the provider's limit on one template parameter
 * (`maxParamLength` characters, each character counting one whatever its script). The rule:
 * - `orderNo`: an order number longer than 12 digits is shortened to its first and last 6 digits
 *   (12 characters, the digits as they are);
 * - `name`: the goods name cut at 20 characters, or at `maxParamLength` if that is less;
 * - `number`, `endDate`: as they are (at most 2 and 10 characters);
 * - `verifyCode`: whole codes only, joined by `,`, as many as fit in `maxParamLength`; the codes
 *   that do not fit go to further messages, each a whole notice (same order number, name, number
 *   and date) carrying the next codes, so that every SMS makes sense alone. A 12-digit code always
 *   fits, since `maxParamLength` is at least 12; with Tencent's limit of 12 every code has its own
 *   message.
 * The messages are a pure function of the order, so every attempt splits the same way.
 */
export function purchaseNoticeMessages(content: PurchaseNoticeContent, maxParamLength: number): PurchaseNoticeMessage[] {
  const longest = Math.max(0, ...content.codes.map((code) => code.length));
  if (!Number.isInteger(maxParamLength) || maxParamLength < Math.max(longest, 2 * NOTICE_ORDER_NO_DIGITS)) {
    throw new RangeError(`maxParamLength ${maxParamLength} cannot hold a whole code or the shortened order number`);
  }
  const common = {
    orderNo: shortOrderNo(content.orderNo),
    name: Array.from(content.goodsName).slice(0, Math.min(NOTICE_NAME_MAX, maxParamLength)).join(''),
    number: String(content.buyNumber),
    endDate: content.endDate,
  };
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const code of content.codes) {
    const added = current.length === 0 ? code.length : length + CODE_SEPARATOR.length + code.length;
    if (current.length > 0 && added > maxParamLength) {
      groups.push(current);
      current = [code];
      length = code.length;
    } else {
      current.push(code);
      length = added;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups.map((codes) => ({ ...common, verifyCode: codes.join(CODE_SEPARATOR) }));
}

/** The first and last 6 digits of an order number longer than 12; shorter ones as they are. */
export function shortOrderNo(orderNo: string): string {
  const keep = NOTICE_ORDER_NO_DIGITS;
  return orderNo.length > 2 * keep ? `${orderNo.slice(0, keep)}${orderNo.slice(-keep)}` : orderNo;
}
