import { queuePurchaseNotice } from '../notices/queue-purchase-notice.js';
import type { Random } from '../shared/random.js';
import type { Repositories, UnitOfWork } from '../shared/repositories.js';
import { VERIFY_CODE_LENGTH } from './order-numbers.js';
import { VerifyCodeTaken } from './order-repository.js';
import { OrderStatus, sourcesOf } from './order-status.js';
import type { Order } from './order.js';
import type { PaymentNotice } from './wechat-pay.js';

export type PaymentOutcome = 'recorded' | 'already-recorded' | 'amount-mismatch' | 'unknown-order';

/**
 * Records a confirmed payment, once however often it is reported: in one transaction under the
 * order's lock, the order moves to paid (from unpaid, or from cancelled/closed: the money was
 * taken), one verification code per unit is issued and `sell_number` rises. A payment that lands
 * on a closed or cancelled order takes its units from the stock again when the stock still has
 * them all; it is recorded either way.
 */
export async function recordPayment(
  uow: UnitOfWork,
  random: Random,
  operId: number,
  notice: PaymentNotice,
  now: Date,
): Promise<PaymentOutcome> {
  return uow.run(async (repositories) => {
    await repositories.locks.acquire(orderLock(notice.outTradeNo));
    const order = await repositories.orders.findByNo(notice.outTradeNo);
    if (!order || order.operId !== operId) return 'unknown-order';
    if (notice.amountFen !== order.payPrice) return 'amount-mismatch';
    const changes = { payTime: notice.successTime ?? now, transactionId: notice.transactionId };
    if (!(await repositories.orders.transition(order.id, sourcesOf(OrderStatus.Paid), OrderStatus.Paid, changes, now))) {
      return 'already-recorded';
    }
    if (order.status !== OrderStatus.Unpaid) await repositories.goods.reserveStock(order.goodsId, order.buyNumber);
    await issueCodes(repositories, random, order, now);
    await repositories.goods.addSold(order.goodsId, order.buyNumber);
    // Purchase notice: the SMS with the codes is queued in this transaction (an outbox), sent by a job.
    await queuePurchaseNotice(repositories, order, now);
    return 'recorded';
  });
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

/** The lock that serialises everything done to one order. */
export function orderLock(orderNo: string): string {
  return `order:${orderNo}`;
}
