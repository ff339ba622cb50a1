import type { PaymentNotice, RefundNotice, WechatRefundState } from '../../core/ordering/wechat-pay.js';
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
 * A transaction (query answer or payment notification). `mchid`, when WeChat gives it, must be
 * the oper's: a transaction of another merchant is not ours to confirm.
 */
export function readTransaction(value: JsonObject, mchid: string): PaymentNotice | null {
  const { out_trade_no, transaction_id, trade_state, amount, payer, success_time } = value;
  if (value.mchid !== undefined && value.mchid !== mchid) return null;
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
    outTradeNo: out_trade_no,
    transactionId: transaction_id,
    tradeState: trade_state,
    amountFen: total,
    payerOpenId: openid,
    successTime,
  };
}

/** A decrypted refund notification. */
export function readRefundNotice(value: JsonObject, mchid: string): RefundNotice | null {
  const { out_trade_no, out_refund_no, refund_id, refund_status, amount } = value;
  if (value.mchid !== undefined && value.mchid !== mchid) return null;
  if (!nonEmpty(out_trade_no) || !nonEmpty(out_refund_no) || !nonEmpty(refund_id)) return null;
  const state = refundStateOf(refund_status);
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
