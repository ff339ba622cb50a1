import type { Repositories } from '../repositories.js';
import { ITEM_MOVES, ORDER_MOVES, REFUND_MOVES, RefundStatus } from './order-status.js';
import { type Refund, orderLock } from './order.js';
import type { OrderingLog } from './ordering-log.js';
import type { RefundFinding } from './wechat-pay.js';

/** How WeChat Pay's word on a refund reached us. */
export type RefundSource = 'answer' | 'notification' | 'query';

export type RefundSettlement = 'settled' | 'unchanged' | 'amount-mismatch';

/**
 * Records what WeChat Pay says of a refund attempt, whoever learnt it (the refund call's answer,
 * a notification, a query), under the order's lock so that they serialise. Run inside a unit of
 * work. While the attempt is processing:
 * - PROCESSING or SUCCESS: the paid order becomes refunded and its unused codes refunded (once),
 *   WeChat's id is recorded; SUCCESS also ends the attempt as succeeded;
 * - FAILED (refused, `ABNORMAL`, `CLOSED`): the attempt ends failed (kept), and the order gets back
 *   what it took: refunded → paid with `refund_price`/`refund_time` cleared, its codes unused.
 *   Logged at warn with the order number.
 * Once the attempt ended, nothing changes (a SUCCESS reported after a failure is logged as an
 * error for a person). An amount other than the attempt's changes nothing and is logged.
 */
export async function settleRefund(
  repositories: Repositories,
  attempt: Refund,
  finding: Pick<RefundFinding, 'state'> & { readonly refundId: string | null; readonly refundFen: number | null },
  source: RefundSource,
  now: Date,
  log: OrderingLog,
): Promise<RefundSettlement> {
  const { locks, orders, refunds } = repositories;
  await locks.acquire(orderLock(attempt.orderNo));
  const refund = (await refunds.findById(attempt.id)) ?? attempt;
  const fields = { orderNo: refund.orderNo, outRefundNo: refund.outRefundNo, state: finding.state, source };
  if (finding.refundFen !== null && finding.refundFen !== refund.amount) {
    log.error({ ...fields, amountFen: refund.amount, reportedFen: finding.refundFen }, 'refund report refused: the amount is not the refund\'s');
    return 'amount-mismatch';
  }
  if (refund.status !== RefundStatus.Processing) {
    if (finding.state === 'SUCCESS' && refund.status === RefundStatus.Failed) {
      log.error(fields, 'refund reported successful after it was recorded failed: the codes were given back, a person must act');
    }
    return 'unchanged';
  }
  if (finding.state === 'FAILED') {
    await refunds.transition(refund.id, REFUND_MOVES.fail, now);
    if (await orders.transition(refund.orderId, ORDER_MOVES.refundFailed, { refundPrice: null, refundTime: null }, now)) {
      await orders.moveItems(refund.orderId, ITEM_MOVES.refundFailed, now);
    }
    log.warn(fields, 'refund failed: the order is paid again with its codes unused');
    return 'settled';
  }
  if (await orders.transition(refund.orderId, ORDER_MOVES.refund, { refundPrice: refund.amount, refundTime: now }, now)) {
    await orders.moveItems(refund.orderId, ITEM_MOVES.refund, now);
  }
  if (finding.refundId !== null && refund.refundId === null) await refunds.recordRefundId(refund.id, finding.refundId, now);
  if (finding.state === 'SUCCESS') await refunds.transition(refund.id, REFUND_MOVES.succeed, now);
  return finding.state === 'SUCCESS' || refund.refundId === null ? 'settled' : 'unchanged';
}
