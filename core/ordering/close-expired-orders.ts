import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import type { Repositories, UnitOfWork } from '../shared/repositories.js';
import { OrderStatus } from './order-status.js';
import type { Order } from './order.js';
import type { PaymentSettings } from './payment-settings.js';
import { orderLock, recordPayment } from './record-payment.js';
import type { WechatPay } from './wechat-pay.js';

export interface SweepResult {
  readonly closed: number;
  /** Orders found paid at WeChat whose notification had not arrived. */
  readonly paid: number;
  /** Orders left for the next sweep because WeChat Pay could not be reached. */
  readonly failed: number;
  /** Orders another sweep (or a payment, or a cancel) got to first. */
  readonly skipped: number;
}

/**
 * Closes unpaid orders past the pay timeout. For each, WeChat Pay is asked first: a payment it
 * took is recorded instead; otherwise the WeChat transaction is closed, then the order (a
 * conditional write, so several instances sweeping at once close each order once) and its stock
 * goes back. An order whose WeChat call fails is left for the next sweep.
 */
export class CloseExpiredOrders {
  constructor(
    private readonly repositories: Repositories,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly settings: PaymentSettings,
    private readonly random: Random,
    private readonly clock: Clock,
    private readonly batchSize = 100,
  ) {}

  async execute(): Promise<SweepResult> {
    const now = this.clock.now();
    const due = await this.repositories.orders.findUnpaidCreatedBefore(new Date(now.getTime() - this.settings.payTimeoutMs), this.batchSize);
    const result = { closed: 0, paid: 0, failed: 0, skipped: 0 };
    for (const order of due) {
      try {
        result[await this.sweep(order, now)] += 1;
      } catch {
        result.failed += 1;
      }
    }
    return result;
  }

  private async sweep(order: Order, now: Date): Promise<'closed' | 'paid' | 'skipped'> {
    const oper = await this.repositories.opers.findById(order.operId);
    if (oper?.pay) {
      const { tradeState, payment } = await this.wechatPay.query(oper, order.orderNo);
      if (tradeState === 'SUCCESS' && payment) {
        const outcome = await recordPayment(this.uow, this.random, oper.id, payment, now);
        if (outcome !== 'recorded' && outcome !== 'already-recorded') throw new Error(`payment of ${order.orderNo} not recorded: ${outcome}`);
        return 'paid';
      }
      await this.wechatPay.close(oper, order.orderNo);
    }
    return this.uow.run(async ({ locks, orders, goods }) => {
      await locks.acquire(orderLock(order.orderNo));
      if (!(await orders.transition(order.id, [OrderStatus.Unpaid], OrderStatus.Closed, {}, now))) return 'skipped';
      await goods.releaseStock(order.goodsId, order.buyNumber);
      return 'closed';
    });
  }
}
