import type { DeliveryReport } from './notification-outbox.js';
import { encryptResource, platformSignatureHeaders } from './pay-crypto.js';
import type { FrozenNotice, PayRefund, PayTransaction, RefundStatus } from './pay-ledger.js';
import type { SandboxMerchant } from './pay-merchants.js';
import type { PayState } from './pay-state.js';
import { shanghaiTime } from './pay-views.js';

/** What a notification announces. */
interface NoticeKind {
  readonly eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';
  readonly summary: string;
  /** Both `resource.original_type` and `resource.associated_data`. */
  readonly originalType: 'transaction' | 'refund';
}

const PAYMENT: NoticeKind = { eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction' };
const REFUND: Record<Exclude<RefundStatus, 'PROCESSING'>, NoticeKind> = {
  SUCCESS: { eventType: 'REFUND.SUCCESS', summary: '退款成功', originalType: 'refund' },
  ABNORMAL: { eventType: 'REFUND.ABNORMAL', summary: '退款异常', originalType: 'refund' },
  CLOSED: { eventType: 'REFUND.CLOSED', summary: '退款关闭', originalType: 'refund' },
};

/**
 * A notification body: `{id, create_time, resource_type, event_type, summary, resource}`, the
 * resource encrypted with the merchant's API v3 key (a fresh nonce each time it is built).
 */
export function noticeBody(kind: NoticeKind, notice: FrozenNotice, apiV3Key: string): string {
  return JSON.stringify({
    id: notice.id,
    create_time: shanghaiTime(notice.createTime),
    resource_type: 'encrypt-resource',
    event_type: kind.eventType,
    summary: kind.summary,
    resource: encryptResource(apiV3Key, kind.originalType, kind.originalType, notice.payload),
  });
}

/**
 * Sends a transaction's `TRANSACTION.SUCCESS` notification to its notify_url and resolves once
 * delivered or given up. `notice` defaults to the transaction's own (a paid transaction's,
 * identical on every send); `forged` spoils the signature and sends once.
 */
export async function sendPaymentNotice(
  pay: PayState,
  merchant: SandboxMerchant,
  tx: PayTransaction,
  options: { notice?: FrozenNotice; forged?: boolean } = {},
): Promise<DeliveryReport> {
  const notice = options.notice ?? tx.payment?.notice;
  if (!notice) throw new Error(`transaction ${tx.order.outTradeNo} has no payment notice`);
  return deliver(pay, merchant, PAYMENT, notice, tx.order.notifyUrl, tx.order.outTradeNo, null, options.forged ?? false);
}

/**
 * After `refundSettleMs` (at once when 0), the refund ends as its transaction's refund outcome
 * says (SUCCESS by default; PROCESSING leaves it processing) and, when the outcome says so, its
 * notification goes to its notify_url, retried in the background like any notification.
 */
export function settleRefundSoon(pay: PayState, tx: PayTransaction, refund: PayRefund): void {
  if (pay.refundSettleMs === 0) endRefundAsTold(pay, tx, refund);
  else pay.outbox.later(pay.refundSettleMs, () => endRefundAsTold(pay, tx, refund));
}

/** Ends a processing refund as the transaction's refund outcome says, notifying if told to. */
export function endRefundAsTold(pay: PayState, tx: PayTransaction, refund: PayRefund): void {
  const { status, notify } = tx.refundOutcome;
  if (status === 'PROCESSING' || refund.status !== 'PROCESSING') return;
  pay.ledger.endRefund(refund, status, pay.now());
  const merchant = pay.merchants.get(refund.mchid);
  if (!notify || !merchant || refund.notifyUrl === null || refund.notice === null) return;
  void deliver(pay, merchant, REFUND[status], refund.notice, refund.notifyUrl, refund.outTradeNo, refund.outRefundNo, false);
}

async function deliver(
  pay: PayState,
  merchant: SandboxMerchant,
  kind: NoticeKind,
  notice: FrozenNotice,
  url: string,
  outTradeNo: string,
  outRefundNo: string | null,
  forged: boolean,
): Promise<DeliveryReport> {
  const platform = await pay.platformKeys();
  const body = noticeBody(kind, notice, merchant.apiV3Key);
  return pay.outbox.deliver({
    url,
    body,
    headers: () => ({
      ...platformSignatureHeaders(platform, body, pay.now(), forged),
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'User-Agent': 'Mozilla/4.0',
    }),
    mchid: merchant.mchid,
    eventType: kind.eventType,
    notificationId: notice.id,
    outTradeNo,
    outRefundNo,
    forged,
  });
}
