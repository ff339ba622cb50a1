import type { PaymentNotice, RefundFinding, WechatRefundState } from '../../core/ordering/wechat-pay.js';
import { isJsonObject, type JsonObject } from './json-object.js';

/**
 * Reading WeChat Pay's JSON (answers and decrypted notifications) into domain types. Each reader
 * returns null when a field it needs is missing or malformed: the caller refuses the whole thing.
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** WeChat's refund `status` / `refund_status`, reduced to ours; null for a state WeChat does not document. */
export function refundStateOf(status: unknown): WechatRefundState | null {
  switch (status) {
    case 'SUCCESS':
      return 'SUCCESS';
    case 'PROCESSING':
      return 'PROCESSING';
    case 'ABNORMAL':
    case 'CLOSED':
      return 'FAILED';
    default:
      return null;
  }
}

/**
 * A transaction (query answer or payment notification). It must name its `mchid`, the oper's
 * (`mchid` here), and its `appid`, which the use case checks against the oper's mini program.
 */
export function readTransaction(value: JsonObject, operMchid: string): PaymentNotice | null {
  const { out_trade_no, transaction_id, trade_state, amount, payer, success_time, mchid, appid } = value;
  if (!nonEmpty(mchid) || mchid !== operMchid || !nonEmpty(appid)) return null;
  if (!nonEmpty(out_trade_no) || !nonEmpty(transaction_id) || !nonEmpty(trade_state)) return null;
  const total = isJsonObject(amount) ? amount.total : undefined;
  const openid = isJsonObject(payer) ? payer.openid : undefined;
  if (!isFen(total) || !nonEmpty(openid)) return null;
  let successTime: Date | null = null;
  if (success_time !== undefined && success_time !== null && success_time !== '') {
    if (typeof success_time !== 'string' || !RFC3339.test(success_time)) return null;
    successTime = new Date(success_time);
    if (Number.isNaN(successTime.getTime())) return null;
  }
  return {
    mchid,
    appid,
    outTradeNo: out_trade_no,
    transactionId: transaction_id,
    tradeState: trade_state,
    amountFen: total,
    payerOpenId: openid,
    successTime,
  };
}

/**
 * A refund: a decrypted refund notification (`refund_status`, and `mchid`, which must be the
 * oper's), or the answer of a refund call or query (`status`).
 */
export function readRefund(value: JsonObject, mchid: string): RefundFinding | null {
  const { out_trade_no, out_refund_no, refund_id, amount } = value;
  if (value.mchid !== undefined && value.mchid !== mchid) return null;
  if (!nonEmpty(out_trade_no) || !nonEmpty(out_refund_no) || !nonEmpty(refund_id)) return null;
  const state = refundStateOf(value.refund_status ?? value.status);
  const refund = isJsonObject(amount) ? amount.refund : undefined;
  if (state === null || !isFen(refund)) return null;
  return { outTradeNo: out_trade_no, outRefundNo: out_refund_no, refundId: refund_id, state, refundFen: refund };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
