import type { Clock } from '../shared/clock.js';
import type { Repositories } from '../repositories.js';
import { CHECK_SCHEDULE } from './check-schedule.js';
import { OrderStatus, RefundStatus } from './order-status.js';
import type { Order } from './order.js';
import type { PaymentCheck } from './payment-check.js';
import type { RefundSubmission } from './refund-submission.js';

/**
 * The checks a user's own reads make, so that a lost notification does not leave the user
 * waiting for the reconciliation: an unpaid order with a prepay, and an order's processing
 * refund, are asked about at most once per {@link CHECK_SCHEDULE.readGapMs} per order (claimed by
 * a conditional write, so across instances too). Each throws DomainError 70012 when WeChat Pay
 * cannot be reached; nothing changed then.
 */
export class ReadChecks {
  constructor(
    private readonly ports: Pick<Repositories, 'orders' | 'refunds' | 'opers'>,
    private readonly payments: PaymentCheck,
    private readonly refunds: RefundSubmission,
    private readonly clock: Clock,
  ) {}

  /** The order as stored after its payment was checked (when due). */
  async payment(order: Order): Promise<Order> {
    if (order.status !== OrderStatus.Unpaid || order.prepaidAt === null) return order;
    const now = this.clock.now();
    const oper = await this.ports.opers.findById(order.operId);
    if (!oper?.pay || !(await this.ports.orders.claimReadCheck(order.id, lastBefore(now), now))) return order;
    await this.payments.run(oper, order, now);
    return (await this.ports.orders.findById(order.id)) ?? order;
  }

  /** Checks the order's latest refund attempt if it is processing (when due). */
  async refund(order: Order): Promise<void> {
    const refund = await this.ports.refunds.latestOf(order.id);
    if (refund?.status !== RefundStatus.Processing) return;
    const now = this.clock.now();
    const oper = await this.ports.opers.findById(order.operId);
    if (!oper?.pay || !(await this.ports.refunds.claimReadCheck(refund.id, lastBefore(now), now))) return;
    await this.refunds.check(oper, refund, order.payPrice, now);
  }
}

const lastBefore = (now: Date) => new Date(now.getTime() - CHECK_SCHEDULE.readGapMs + 1);
