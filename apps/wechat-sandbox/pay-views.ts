import { randomBytes } from 'node:crypto';
import type { PayRefund, PayTransaction } from './pay-ledger.js';
import { randomDigits } from './pay-crypto.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A time as WeChat Pay writes it: RFC 3339 in Beijing time, `2026-01-02T11:04:05+08:00`. */
export function shanghaiTime(date: Date): string {
  return `${new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

function shanghaiDigits(date: Date, length: 8 | 14): string {
  return shanghaiTime(date).replace(/\D/g, '').slice(0, length);
}

/** A prepay id shaped like WeChat's: `wx`, the time (yyyyMMddHHmmss) and 20 hex digits. */
export function newPrepayId(now: Date): string {
  return `wx${shanghaiDigits(now, 14)}${randomBytes(10).toString('hex')}`;
}

/** A 28-digit transaction id shaped like WeChat's (`4200000…`, the date, random digits). */
export function newTransactionId(now: Date): string {
  return `420000${randomDigits(4)}${shanghaiDigits(now, 8)}${randomDigits(10)}`;
}

/** A 29-digit refund id shaped like WeChat's (`50000…`, the date, random digits). */
export function newRefundId(now: Date): string {
  return `50000${randomDigits(5)}${shanghaiDigits(now, 8)}${randomDigits(11)}`;
}

const TRADE_STATE_DESC = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单发生过退款，退款详情请查询退款单',
} as const;

/**
 * A transaction as `GET /v3/pay/transactions/out-trade-no/{no}` answers it. A transaction never
 * paid has no transaction_id, success_time, trade_type, bank_type nor payer openid, as WeChat's.
 */
export function transactionView(tx: PayTransaction, state = tx.state): Record<string, unknown> {
  const { order } = tx;
  const common = {
    appid: order.appid,
    mchid: tx.mchid,
    out_trade_no: order.outTradeNo,
    ...(order.attach === null ? {} : { attach: order.attach }),
  };
  const payment = tx.payment;
  if (payment === null) {
    return {
      ...common,
      trade_state: state,
      trade_state_desc: TRADE_STATE_DESC[state],
      payer: {},
      amount: { total: order.total, currency: 'CNY', payer_currency: 'CNY' },
      promotion_detail: [],
    };
  }
  return {
    ...common,
    transaction_id: payment.transactionId,
    trade_type: 'JSAPI',
    trade_state: state,
    trade_state_desc: TRADE_STATE_DESC[state],
    bank_type: 'OTHERS',
    success_time: shanghaiTime(payment.successTime),
    payer: { openid: order.openid },
    amount: { total: payment.total, payer_total: payment.total, currency: 'CNY', payer_currency: 'CNY' },
    promotion_detail: [],
  };
}

/** A refund as `POST /v3/refund/domestic/refunds` and its query answer it. */
export function refundView(refund: PayRefund): Record<string, unknown> {
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: refund.transactionId,
    out_trade_no: refund.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.successTime === null ? {} : { success_time: shanghaiTime(refund.successTime) }),
    create_time: shanghaiTime(refund.createdAt),
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: refund.total,
      refund: refund.refund,
      from: [],
      payer_total: refund.payerTotal,
      payer_refund: refund.refund,
      settlement_refund: refund.refund,
      settlement_total: refund.total,
      discount_refund: 0,
      currency: 'CNY',
      refund_fee: 0,
    },
    promotion_detail: [],
  };
}

/** The decrypted resource of a `REFUND.SUCCESS` notification. */
export function refundNoticeView(refund: PayRefund): Record<string, unknown> {
  return {
    mchid: refund.mchid,
    out_trade_no: refund.outTradeNo,
    transaction_id: refund.transactionId,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_status: refund.status,
    ...(refund.successTime === null ? {} : { success_time: shanghaiTime(refund.successTime) }),
    user_received_account: '支付用户零钱',
    amount: { total: refund.total, refund: refund.refund, payer_total: refund.payerTotal, payer_refund: refund.refund },
  };
}
