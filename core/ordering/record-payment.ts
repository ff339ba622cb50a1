import { queuePurchaseNotice } from '../notices/queue-purchase-notice.js';
import type { Random } from '../shared/random.js';
import type { Repositories, UnitOfWork } from '../repositories.js';
import type { Oper } from '../tenancy/oper.js';
import { VERIFY_CODE_LENGTH } from './order-numbers.js';
import { VerifyCodeTaken } from './order-repository.js';
import { ORDER_MOVES, OrderStatus } from './order-status.js';
import { type Order, orderLock } from './order.js';
import type { OrderingLog } from './ordering-log.js';
import type { PaymentNotice } from './wechat-pay.js';

export type PaymentOutcome = 'recorded' | 'already-recorded' | 'amount-mismatch' | 'foreign-payment' | 'unknown-order';

/**
 * Records a confirmed payment, whoever learnt of it (a notification or a query), once however
 * often it is reported: in one transaction under the order's lock, the order moves to paid (from
 * unpaid, or from cancelled/closed: the money was taken), one verification code per unit is
 * issued and `sell_number` rises. A payment that lands on a closed or cancelled order takes its
 * units from the stock again when the stock still has them all; it is recorded either way.
 * Refused, changing nothing: a payment to another merchant account or in another mini program than
 * the oper's (`foreign-payment`), or of another amount than the order's (logged as an error).
 */
export async function recordPayment(
  uow: UnitOfWork,
  random: Random,
  oper: Oper,
  notice: PaymentNotice,
  now: Date,
  log: OrderingLog,
): Promise<PaymentOutcome> {
  const fields = { orderNo: notice.outTradeNo, operId: oper.id, transactionId: notice.transactionId };
  if (notice.mchid !== oper.pay?.mchid || notice.appid !== oper.miniProgram.appid) {
    log.warn({ ...fields, mchid: notice.mchid, appid: notice.appid }, 'payment refused: not of the oper\'s merchant account and mini program');
    return 'foreign-payment';
  }
  const outcome = await uow.run(async (repositories): Promise<PaymentOutcome> => {
    await repositories.locks.acquire(orderLock(notice.outTradeNo));
    const order = await repositories.orders.findByNo(notice.outTradeNo);
    if (!order || order.operId !== oper.id) return 'unknown-order';
    if (notice.amountFen !== order.payPrice) return 'amount-mismatch';
    const changes = { payTime: notice.successTime ?? now, transactionId: notice.transactionId };
    if (!(await repositories.orders.transition(order.id, ORDER_MOVES.pay, changes, now))) return 'already-recorded';
    if (order.status !== OrderStatus.Unpaid) await repositories.goods.reserveStock(order.goodsId, order.buyNumber);
    await issueCodes(repositories, random, order, now);
    await repositories.goods.addSold(order.goodsId, order.buyNumber);
    // Purchase notice: the SMS with the codes is queued in this transaction (an outbox), sent by a job.
    await queuePurchaseNotice(repositories, order, now);
    return 'recorded';
  });
  if (outcome === 'amount-mismatch') log.error({ ...fields, amountFen: notice.amountFen }, 'payment refused: the amount is not the order\'s');
  if (outcome === 'unknown-order') log.warn(fields, 'payment refused: no such order of the oper');
  return outcome;
}

async function issueCodes(repositories: Repositories, random: Random, order: Order, now: Date): Promise<void> {
  for (let unit = 0; unit < order.buyNumber; unit += 1) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await repositories.orders.addItem(order.id, random.digits(VERIFY_CODE_LENGTH), now);
        break;
      } catch (error) {
        if (!(error instanceof VerifyCodeTaken) || attempt >= 5) throw error;
      }
    }
  }
}
