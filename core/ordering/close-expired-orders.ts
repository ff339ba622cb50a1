import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories, UnitOfWork } from '../repositories.js';
import { CHECK_SCHEDULE, checkGapMs } from './check-schedule.js';
import { ORDER_MOVES } from './order-status.js';
import { type Order, orderLock } from './order.js';
import { type OrderingLog, silentOrderingLog } from './ordering-log.js';
import type { PaymentCheck } from './payment-check.js';
import type { PaymentSettings } from './payment-settings.js';
import type { WechatPay } from './wechat-pay.js';

export interface SweepResult {
  readonly closed: number;
  /** Orders found paid at WeChat whose notification had not arrived. */
  readonly paid: number;
  /** Orders that failed this time (each logged with its reason), retried later with back-off. */
  readonly failed: number;
  /** Orders another sweep (or a payment, or a cancel) got to first. */
  readonly skipped: number;
}

type Swept = 'closed' | 'paid' | 'skipped';

/**
 * Closes unpaid orders past the pay timeout. Each order is claimed first (a conditional write on
 * its check schedule), so several instances sweeping at once take each order once, and an order
 * that fails is not due again until its back-off ends (doubling, at most 5 minutes) while the
 * others proceed. For each, WeChat Pay is asked first: a payment it took is recorded instead;
 * otherwise the WeChat transaction is closed, then the order, and its stock goes back. Every
 * failure is logged with the order number and its reason (an amount mismatch as an error).
 */
export class CloseExpiredOrders {
  constructor(
    private readonly ports: Pick<Repositories, 'orders' | 'opers'>,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly payments: PaymentCheck,
    private readonly settings: PaymentSettings,
    private readonly clock: Clock,
    private readonly log: OrderingLog = silentOrderingLog,
    private readonly batchSize = 100,
  ) {}

  async execute(): Promise<SweepResult> {
    const now = this.clock.now();
    const due = await this.ports.orders.findExpiredUnpaid(new Date(now.getTime() - this.settings.payTimeoutMs), now, this.batchSize);
    const result = { closed: 0, paid: 0, failed: 0, skipped: 0 };
    for (const { subject: order, checks } of due) {
      const next = new Date(now.getTime() + checkGapMs(checks, CHECK_SCHEDULE.maxOrderGapMs));
      if (!(await this.ports.orders.claimCheck(order.id, checks, next, now))) {
        result.skipped += 1;
        continue;
      }
      try {
        result[await this.sweep(order, now)] += 1;
      } catch (error) {
        result.failed += 1;
        this.report(order, error, next);
      }
    }
    return result;
  }

  private async sweep(order: Order, now: Date): Promise<Swept> {
    const oper = await this.ports.opers.findById(order.operId);
    if (oper?.pay && order.prepaidAt !== null) {
      const found = await this.payments.run(oper, order, now);
      if (found === 'recorded' || found === 'already-recorded') return 'paid';
      if (found !== 'not-paid') throw new SweepRefused(found);
      if ((await this.wechatPay.close(oper, order.orderNo)) === 'paid') {
        const again = await this.payments.run(oper, order, now);
        if (again === 'recorded' || again === 'already-recorded') return 'paid';
        throw new SweepRefused(again === 'not-paid' ? 'closing-found-paid' : again);
      }
    }
    return this.uow.run(async ({ locks, orders, goods }) => {
      await locks.acquire(orderLock(order.orderNo));
      if (!(await orders.transition(order.id, ORDER_MOVES.close, {}, now))) return 'skipped';
      await goods.releaseStock(order.goodsId, order.buyNumber);
      return 'closed';
    });
  }

  private report(order: Order, error: unknown, retryAt: Date): void {
    const fields = { orderNo: order.orderNo, operId: order.operId, retryAt: retryAt.toISOString() };
    if (error instanceof SweepRefused) {
      const line = { ...fields, reason: error.reason };
      if (error.reason === 'amount-mismatch') this.log.error(line, 'expired order not closed');
      else this.log.warn(line, 'expired order not closed');
    } else if (error instanceof DomainError) {
      this.log.warn({ ...fields, code: error.code, reason: error.message }, 'expired order not closed');
    } else {
      this.log.error({ ...fields, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 'expired order not closed');
    }
  }
}

/** The payment found for an expired order could not be recorded (`reason`: why). */
class SweepRefused extends Error {
  constructor(readonly reason: string) {
    super(`sweep refused: ${reason}`);
  }
}
