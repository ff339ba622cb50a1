import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { randomUUID } from 'node:crypto';
import type { PayTransaction } from '../pay-ledger.js';
import { sendPaymentNotice } from '../pay-notify.js';
import { newTransactionId, refundView, shanghaiTime, transactionView } from '../pay-views.js';
import { firstValues } from '../query-params.js';
import { readRawBody } from '../raw-body.js';
import type { SandboxState } from '../sandbox-state.js';
import { fail } from './merchant-routes.js';

/**
 * Registers the sandbox's WeChat Pay controls (not WeChat APIs), errors as `{code, message}`:
 * - `POST /pay/{out_trade_no}/succeed` `{amount?, mchid?}`: the payer pays a NOTPAY transaction
 *   (`amount` fen, the order's by default) and the signed `TRANSACTION.SUCCESS` notification is
 *   sent; on a paid one the same notification is sent again. Answers after the delivery ended:
 *   `{out_trade_no, transaction_id, trade_state, delivered, status, attempts}` (`status` is the
 *   receiver's last HTTP status, null if it never answered). 404 unknown, 409 closed.
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
    if (tx.state === 'NOTPAY') pay.ledger.pay(tx, pay.now(), amount as number | undefined);
    const report = await sendPaymentNotice(pay, pay.merchants.get(tx.mchid)!, tx);
    ctx.body = {
      out_trade_no: tx.order.outTradeNo,
      transaction_id: tx.payment!.transactionId,
      trade_state: tx.state,
      ...report,
    };
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

/** The transaction a control names (answering 400/404/409 itself when there is none or two). */
async function findTransaction(
  ctx: Context,
  state: SandboxState,
): Promise<{ tx: PayTransaction; body: Record<string, unknown> } | null> {
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
  const fields = body as Record<string, unknown>;
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
