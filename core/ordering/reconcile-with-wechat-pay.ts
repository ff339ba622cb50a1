import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories } from '../repositories.js';
import { CHECK_SCHEDULE, type Scheduled, checkGapMs } from './check-schedule.js';
import { payDeadlineOf } from './order.js';
import { type OrderingLog, silentOrderingLog } from './ordering-log.js';
import type { PaymentCheck } from './payment-check.js';
import type { PaymentSettings } from './payment-settings.js';
import type { RefundSubmission } from './refund-submission.js';

export interface ReconcileResult {
  /** Unpaid orders with a prepay asked about, and the payments found among them. */
  readonly ordersChecked: number;
  readonly paid: number;
  /** Processing refunds asked about, and those that moved. */
  readonly refundsChecked: number;
  readonly refundsSettled: number;
  /** Checks that failed (WeChat Pay unreachable, a report refused), each logged. */
  readonly failed: number;
}

/**
 * Which checks a pass makes: `due`, those whose time has come (at most a batch of each kind: the
 * periodic job); `all`, every unpaid order with a prepay still within its pay deadline and every
 * processing refund, whatever their schedule (an operator's "now"), except those checked in the
 * last 5 s (`readGapMs`). Either way each check is claimed as the job claims it (the claim names
 * the number of checks made), so passes beside running instances check nothing twice: a pass
 * that read a subject before another's claim loses its own claim, and one that read it after
 * sees it just checked.
 */
export type ReconcileScope = 'due' | 'all';

/** An `all` pass takes everything unsettled at its start, up to this many of each kind. */
const ALL_LIMIT = 1_000_000;
/** The schedule of every unsettled check lies before this instant. */
const END_OF_TIME = new Date(8.64e15);

/**
 * The reconciliation every instance runs (WeChat Pay asks merchants not to rely on
 * notifications): unpaid orders with a prepay, before their pay deadline, and processing refunds
 * are asked about at growing intervals, and what WeChat Pay reports is recorded as its
 * notification would have been. Each check is claimed by a conditional write on the schedule, so
 * across instances each order or refund is checked by one at a time. A refund still processing a
 * day after it began is logged as an error at each check, for a person to act on.
 */
export class ReconcileWithWechatPay {
  constructor(
    private readonly ports: Pick<Repositories, 'orders' | 'refunds' | 'opers'>,
    private readonly payments: PaymentCheck,
    private readonly refunds: RefundSubmission,
    private readonly settings: PaymentSettings,
    private readonly clock: Clock,
    private readonly log: OrderingLog = silentOrderingLog,
    private readonly batchSize = 100,
  ) {}

  async execute(scope: ReconcileScope = 'due'): Promise<ReconcileResult> {
    const now = this.clock.now();
    const dueBy = scope === 'all' ? END_OF_TIME : now;
    const limit = scope === 'all' ? ALL_LIMIT : this.batchSize;
    const checkedSince = now.getTime() - CHECK_SCHEDULE.readGapMs;
    const wanted = ({ lastCheckedAt }: Scheduled<unknown>) => scope === 'due' || lastCheckedAt === null || lastCheckedAt.getTime() <= checkedSince;
    const result = { ordersChecked: 0, paid: 0, refundsChecked: 0, refundsSettled: 0, failed: 0 };
    const { orders, refunds, opers } = this.ports;
    const openOrders = await orders.findPrepaidToCheck(new Date(now.getTime() - this.settings.payTimeoutMs), dueBy, limit);
    for (const { subject: order, checks } of openOrders.filter(wanted)) {
      const deadline = payDeadlineOf(order, this.settings.payTimeoutMs).getTime();
      const next = new Date(Math.min(now.getTime() + checkGapMs(checks, CHECK_SCHEDULE.maxOrderGapMs), deadline));
      // Claimed first, so that an order that cannot be checked backs off instead of blocking the batch.
      if (!(await orders.claimCheck(order.id, checks, next, now, dueBy))) continue;
      const oper = await opers.findById(order.operId);
      if (!oper?.pay) continue;
      result.ordersChecked += 1;
      try {
        const found = await this.payments.run(oper, order, now);
        if (found === 'recorded') result.paid += 1;
        else if (found !== 'not-paid' && found !== 'already-recorded') result.failed += 1;
      } catch (error) {
        result.failed += 1;
        this.report({ orderNo: order.orderNo }, error);
      }
    }
    for (const { subject: refund, checks } of (await refunds.findProcessingToCheck(dueBy, limit)).filter(wanted)) {
      const next = new Date(now.getTime() + checkGapMs(checks, CHECK_SCHEDULE.maxRefundGapMs));
      if (!(await refunds.claimCheck(refund.id, checks, next, now, dueBy))) continue;
      const oper = await opers.findById(refund.operId);
      const order = await orders.findById(refund.orderId);
      if (!oper?.pay || !order) continue;
      result.refundsChecked += 1;
      if (now.getTime() - refund.createdAt.getTime() >= CHECK_SCHEDULE.refundPatienceMs) {
        this.log.error({ orderNo: refund.orderNo, outRefundNo: refund.outRefundNo, since: refund.createdAt.toISOString() }, 'refund still processing after a day: a person must act');
      }
      try {
        const settled = await this.refunds.check(oper, refund, order.payPrice, now);
        if (settled === 'settled') result.refundsSettled += 1;
        else if (settled === 'amount-mismatch') result.failed += 1;
      } catch (error) {
        result.failed += 1;
        this.report({ orderNo: refund.orderNo, outRefundNo: refund.outRefundNo }, error);
      }
    }
    return result;
  }

  private report(fields: Record<string, string>, error: unknown): void {
    if (error instanceof DomainError) this.log.warn({ ...fields, code: error.code, reason: error.message }, 'reconciliation check failed');
    else this.log.error({ ...fields, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, 'reconciliation check failed');
  }
}
