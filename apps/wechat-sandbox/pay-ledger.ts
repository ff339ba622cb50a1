import { randomUUID } from 'node:crypto';
import { PAY_ERRORS, type PayError } from './pay-errors.js';
import type { JsapiOrder, RefundOrder } from './pay-validation.js';
import { newPrepayId, newRefundId, newTransactionId, refundNoticeView, transactionView } from './pay-views.js';

/** WeChat Pay's trade states the sandbox uses. */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

/** A notification's identity and decrypted content, fixed once so that resends are identical. */
export interface FrozenNotice {
  readonly id: string;
  readonly createTime: Date;
  /** The resource's plaintext (JSON). */
  readonly payload: string;
}

/** How a refund ends (WeChat's `refund_status`); PROCESSING until it does. */
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

/** How a transaction's refunds end from now on (the `refund-outcome` control): SUCCESS, notified, by default. */
export interface RefundOutcome {
  readonly status: RefundStatus;
  readonly notify: boolean;
}

/** A JSAPI transaction: the prepay request, its state and, once paid, the payment. */
export interface PayTransaction {
  readonly mchid: string;
  readonly order: JsapiOrder;
  readonly prepayId: string;
  readonly createdAt: Date;
  state: TradeState;
  refundOutcome: RefundOutcome;
  payment: {
    readonly transactionId: string;
    readonly successTime: Date;
    /** What the payer paid: the order's total unless a test asked for another amount. */
    readonly total: number;
    readonly notice: FrozenNotice;
  } | null;
}

/** A refund of a paid transaction. */
export interface PayRefund {
  readonly mchid: string;
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly reason: string | null;
  readonly notifyUrl: string | null;
  readonly total: number;
  readonly payerTotal: number;
  readonly refund: number;
  readonly createdAt: Date;
  status: RefundStatus;
  successTime: Date | null;
  notice: FrozenNotice | null;
}

const key = (mchid: string, no: string): string => `${mchid}\n${no}`;

/** The sandbox's transactions and refunds, with WeChat Pay's rules for moving them. */
export class PayLedger {
  private readonly transactions = new Map<string, PayTransaction>();
  private readonly refunds = new Map<string, PayRefund>();

  /**
   * A JSAPI prepay: a new transaction, or the same one again for the same out_trade_no with
   * the same appid, description, amount and payer (WeChat answers the same prepay_id).
   */
  prepay(order: JsapiOrder, now: Date): PayTransaction | PayError {
    const existing = this.transactions.get(key(order.mchid, order.outTradeNo));
    if (existing) {
      if (existing.state === 'CLOSED') return PAY_ERRORS.orderClosed();
      if (existing.state !== 'NOTPAY') return PAY_ERRORS.orderPaid();
      const before = existing.order;
      const same = before.appid === order.appid && before.description === order.description &&
        before.total === order.total && before.openid === order.openid;
      return same ? existing : PAY_ERRORS.outTradeNoUsed();
    }
    const tx: PayTransaction = {
      mchid: order.mchid, order, prepayId: newPrepayId(now), createdAt: now, state: 'NOTPAY', payment: null,
      refundOutcome: { status: 'SUCCESS', notify: true },
    };
    this.transactions.set(key(order.mchid, order.outTradeNo), tx);
    return tx;
  }

  find(mchid: string, outTradeNo: string): PayTransaction | undefined {
    return this.transactions.get(key(mchid, outTradeNo));
  }

  /** The transactions with this out_trade_no, of one merchant or of all. */
  findAnywhere(outTradeNo: string, mchid?: string): PayTransaction[] {
    return [...this.transactions.values()].filter(
      (tx) => tx.order.outTradeNo === outTradeNo && (mchid === undefined || tx.mchid === mchid),
    );
  }

  /** Every transaction, newest first. */
  list(): PayTransaction[] {
    return [...this.transactions.values()].reverse();
  }

  /** Closes an unpaid transaction; closing a closed one again is fine. */
  close(mchid: string, outTradeNo: string): PayError | null {
    const tx = this.find(mchid, outTradeNo);
    if (!tx) return PAY_ERRORS.orderNotExist();
    if (tx.state === 'SUCCESS' || tx.state === 'REFUND') return PAY_ERRORS.orderPaid();
    tx.state = 'CLOSED';
    return null;
  }

  /** The payer paid (a NOTPAY transaction): `total` fen, the order's unless told otherwise. */
  pay(tx: PayTransaction, now: Date, total = tx.order.total): PayTransaction {
    const payment = { transactionId: newTransactionId(now), successTime: now, total };
    const notice = { id: randomUUID(), createTime: now };
    tx.state = 'SUCCESS';
    tx.payment = { ...payment, notice: { ...notice, payload: '' } };
    tx.payment = { ...payment, notice: { ...notice, payload: JSON.stringify(transactionView(tx)) } };
    return tx;
  }

  /**
   * A refund. The same out_refund_no for the same transaction and amount answers the refund
   * already made (`created` false): WeChat never refunds twice for one out_refund_no.
   */
  refund(mchid: string, order: RefundOrder, now: Date): { refund: PayRefund; tx: PayTransaction; created: boolean } | PayError {
    const tx = order.transactionId !== null
      ? [...this.transactions.values()].find((t) => t.mchid === mchid && t.payment?.transactionId === order.transactionId)
      : this.find(mchid, order.outTradeNo!);
    if (!tx) return PAY_ERRORS.resourceNotExists('订单不存在');
    if (order.outTradeNo !== null && order.outTradeNo !== tx.order.outTradeNo) {
      return PAY_ERRORS.invalidRequest('transaction_id与out_trade_no不匹配');
    }
    const existing = this.refunds.get(key(mchid, order.outRefundNo));
    if (existing) {
      const same = existing.outTradeNo === tx.order.outTradeNo && existing.refund === order.refund;
      return same ? { refund: existing, tx, created: false } : PAY_ERRORS.invalidRequest('同一退款单号的退款参数与之前请求不一致');
    }
    if (tx.payment === null) return PAY_ERRORS.invalidRequest('订单未支付，不能退款');
    if (order.total !== tx.order.total) return PAY_ERRORS.invalidRequest('订单金额与原订单金额不一致');
    if (this.refundedOf(tx) + order.refund > tx.order.total) return PAY_ERRORS.invalidRequest('申请退款金额超过订单可退金额');
    const refund: PayRefund = {
      mchid, outRefundNo: order.outRefundNo, refundId: newRefundId(now), outTradeNo: tx.order.outTradeNo,
      transactionId: tx.payment.transactionId, reason: order.reason, notifyUrl: order.notifyUrl,
      total: tx.order.total, payerTotal: tx.payment.total, refund: order.refund, createdAt: now,
      status: 'PROCESSING', successTime: null, notice: null,
    };
    this.refunds.set(key(mchid, order.outRefundNo), refund);
    tx.state = 'REFUND';
    return { refund, tx, created: true };
  }

  findRefund(mchid: string, outRefundNo: string): PayRefund | undefined {
    return this.refunds.get(key(mchid, outRefundNo));
  }

  /** The refunds of a transaction, oldest first. */
  refundsOf(tx: PayTransaction): PayRefund[] {
    return [...this.refunds.values()].filter((r) => r.mchid === tx.mchid && r.outTradeNo === tx.order.outTradeNo);
  }

  /**
   * A processing refund ends: SUCCESS (the money went back), ABNORMAL or CLOSED (it did not); its
   * notification is fixed then. A refund that ended stays as it is.
   */
  endRefund(refund: PayRefund, status: Exclude<RefundStatus, 'PROCESSING'>, now: Date): PayRefund {
    if (refund.status !== 'PROCESSING') return refund;
    refund.status = status;
    if (status === 'SUCCESS') refund.successTime = now;
    refund.notice = { id: randomUUID(), createTime: now, payload: JSON.stringify(refundNoticeView(refund)) };
    return refund;
  }

  /** What was refunded or is being refunded: refunds that failed (ABNORMAL, CLOSED) gave nothing back. */
  private refundedOf(tx: PayTransaction): number {
    return this.refundsOf(tx)
      .filter((r) => r.status === 'PROCESSING' || r.status === 'SUCCESS')
      .reduce((sum, r) => sum + r.refund, 0);
  }
}
