import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { randomUUID } from 'node:crypto';
import type { PayTransaction } from '../pay-ledger.js';
import { endRefundAsTold, sendPaymentNotice } from '../pay-notify.js';
import { FAULT_KINDS, FAULTY_APIS, type FaultKind, type FaultyApi } from '../pay-faults.js';
import type { RefundStatus } from '../pay-ledger.js';
import { newTransactionId, refundView, shanghaiTime, transactionView } from '../pay-views.js';
import { firstValues } from '../query-params.js';
import { readRawBody } from '../raw-body.js';
import type { SandboxState } from '../sandbox-state.js';
import { fail } from './merchant-routes.js';

/**
 * Registers the sandbox's WeChat Pay controls (not WeChat APIs), errors as `{code, message}`:
 * - `POST /pay/{out_trade_no}/succeed` `{amount?, mchid?, notify?}`: the payer pays a NOTPAY
 *   transaction (`amount` fen, the order's by default) and the signed `TRANSACTION.SUCCESS`
 *   notification is sent; on a paid one the same notification is sent again. With `notify: false`
 *   the money is taken and nothing is sent (a lost notification). Answers after the delivery ended:
 *   `{out_trade_no, transaction_id, trade_state, delivered, status, attempts}` (`status` is the
 *   receiver's last HTTP status, null if it never answered). 404 unknown, 409 closed.
 * - `POST /pay/{out_trade_no}/refund-outcome` `{status, notify?}`: how the transaction's refunds
 *   end from now on (`SUCCESS` by default, `ABNORMAL`, `CLOSED`, or `PROCESSING` to leave them
 *   processing), notified unless `notify` is false; a refund still processing ends so at once.
 *   Answers `{out_trade_no, status, notify, refunds}`.
 * - `POST /pay/faults` `{api, fault, times?}`: the next `times` (default 1) calls of `api`
 *   (`prepay`, `query`, `close`, `refund`, `refund-query`) fail with `fault` (`500`, `timeout`,
 *   `garbage`, `unsigned`; and `refused`, a 403 NOT_ENOUGH); `GET` lists the faults armed,
 *   `DELETE` clears them. See pay-faults.ts for what each fault does.
 * - `POST /pay/{out_trade_no}/notify-forged`: sends the payment notification once with a
 *   signature that does not verify, changing nothing; `{out_trade_no, delivered, status}`.
 * - `GET /pay/transactions?mchid=`: the transactions, newest first, with their refunds.
 * `mchid` (body or query) picks the merchant when two have the same out_trade_no.
 */
export function registerPayControlRoutes(router: Router, state: SandboxState): void {
  const pay = state.pay;

  router.get('/pay/transactions', (ctx) => {
    const { mchid } = firstValues(ctx.query, ['mchid'] as const);
    ctx.body = pay.ledger
      .list()
      .filter((tx) => mchid === undefined || tx.mchid === mchid)
      .map((tx) => ({
        ...transactionView(tx),
        description: tx.order.description,
        prepay_id: tx.prepayId,
        notify_url: tx.order.notifyUrl,
        create_time: shanghaiTime(tx.createdAt),
        refunds: pay.ledger.refundsOf(tx).map(refundView),
      }));
  });

  router.post('/pay/:out_trade_no/succeed', async (ctx) => {
    const found = await findTransaction(ctx, state);
    if (!found) return;
    const { tx, body } = found;
    if (tx.state === 'CLOSED') return fail(ctx, 409, 'ORDER_CLOSED', `transaction ${tx.order.outTradeNo} is closed`);
    const amount = body.amount;
    if (amount !== undefined && !(Number.isSafeInteger(amount) && (amount as number) > 0)) {
      return fail(ctx, 400, 'PARAM_ERROR', 'amount must be a positive integer (fen)');
    }
    if (body.notify !== undefined && typeof body.notify !== 'boolean') return fail(ctx, 400, 'PARAM_ERROR', 'notify must be true or false');
    if (tx.state === 'NOTPAY') pay.ledger.pay(tx, pay.now(), amount as number | undefined);
    const report = body.notify === false
      ? { delivered: false, status: null, attempts: 0 }
      : await sendPaymentNotice(pay, pay.merchants.get(tx.mchid)!, tx);
    ctx.body = {
      out_trade_no: tx.order.outTradeNo,
      transaction_id: tx.payment!.transactionId,
      trade_state: tx.state,
      ...report,
    };
  });

  router.post('/pay/:out_trade_no/refund-outcome', async (ctx) => {
    const found = await findTransaction(ctx, state);
    if (!found) return;
    const { tx, body } = found;
    if (!REFUND_STATUSES.includes(body.status as RefundStatus)) {
      return fail(ctx, 400, 'PARAM_ERROR', `status must be one of ${REFUND_STATUSES.join(', ')}`);
    }
    if (body.notify !== undefined && typeof body.notify !== 'boolean') return fail(ctx, 400, 'PARAM_ERROR', 'notify must be true or false');
    tx.refundOutcome = { status: body.status as RefundStatus, notify: body.notify !== false };
    for (const refund of pay.ledger.refundsOf(tx)) endRefundAsTold(pay, tx, refund);
    ctx.body = { out_trade_no: tx.order.outTradeNo, ...tx.refundOutcome, refunds: pay.ledger.refundsOf(tx).map(refundView) };
  });

  router.get('/pay/faults', (ctx) => {
    ctx.body = { faults: pay.faults.list() };
  });

  router.post('/pay/faults', async (ctx) => {
    const body = await jsonBody(ctx);
    if (!body) return;
    const { api, fault, times = 1 } = body;
    if (typeof api !== 'string' || !Object.hasOwn(FAULTY_APIS, api)) {
      return fail(ctx, 400, 'PARAM_ERROR', `api must be one of ${Object.keys(FAULTY_APIS).join(', ')}`);
    }
    if (!FAULT_KINDS.includes(fault as FaultKind)) return fail(ctx, 400, 'PARAM_ERROR', `fault must be one of ${FAULT_KINDS.join(', ')}`);
    if (!Number.isSafeInteger(times) || (times as number) < 1 || (times as number) > 1000) {
      return fail(ctx, 400, 'PARAM_ERROR', 'times must be an integer from 1 to 1000');
    }
    pay.faults.arm(api as FaultyApi, fault as FaultKind, times as number);
    ctx.body = { faults: pay.faults.list() };
  });

  router.delete('/pay/faults', (ctx) => {
    pay.faults.clear();
    ctx.body = { faults: [] };
  });

  router.post('/pay/:out_trade_no/notify-forged', async (ctx) => {
    const found = await findTransaction(ctx, state);
    if (!found) return;
    const { tx } = found;
    const now = pay.now();
    const notice = tx.payment?.notice ?? {
      id: randomUUID(),
      createTime: now,
      payload: JSON.stringify(transactionView(wouldBePaid(tx, now), 'SUCCESS')),
    };
    const report = await sendPaymentNotice(pay, pay.merchants.get(tx.mchid)!, tx, { notice, forged: true });
    ctx.body = { out_trade_no: tx.order.outTradeNo, delivered: report.delivered, status: report.status };
  });
}

const REFUND_STATUSES: readonly RefundStatus[] = ['SUCCESS', 'ABNORMAL', 'CLOSED', 'PROCESSING'];

/** The body of a control as a JSON object (`{}` when empty), or null after answering 400. */
async function jsonBody(ctx: Context): Promise<Record<string, unknown> | null> {
  const raw = await readRawBody(ctx.req);
  let body: unknown = {};
  try {
    if (raw !== null && raw.trim() !== '') body = JSON.parse(raw);
  } catch {
    body = null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fail(ctx, 400, 'PARAM_ERROR', 'the body, when sent, must be a JSON object');
    return null;
  }
  return body as Record<string, unknown>;
}

/** The transaction a control names (answering 400/404/409 itself when there is none or two). */
async function findTransaction(
  ctx: Context,
  state: SandboxState,
): Promise<{ tx: PayTransaction; body: Record<string, unknown> } | null> {
  const fields = await jsonBody(ctx);
  if (!fields) return null;
  const mchid = typeof fields.mchid === 'string' ? fields.mchid : firstValues(ctx.query, ['mchid'] as const).mchid;
  const outTradeNo = ctx.params.out_trade_no!;
  const matches = state.pay.ledger.findAnywhere(outTradeNo, mchid);
  if (matches.length === 0) {
    fail(ctx, 404, 'ORDER_NOT_EXIST', `no transaction ${outTradeNo}${mchid ? ` for merchant ${mchid}` : ''}`);
    return null;
  }
  if (matches.length > 1) {
    fail(ctx, 409, 'AMBIGUOUS', `several merchants have a transaction ${outTradeNo}: pass mchid`);
    return null;
  }
  return { tx: matches[0]!, body: fields };
}

/** A copy of an unpaid transaction as if paid now (for a forged notice; the ledger is untouched). */
function wouldBePaid(tx: PayTransaction, now: Date): PayTransaction {
  const payment = { transactionId: newTransactionId(now), successTime: now, total: tx.order.total };
  return { ...tx, state: 'SUCCESS', payment: { ...payment, notice: { id: '', createTime: now, payload: '' } } };
}
