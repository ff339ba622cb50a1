import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import type { Repositories } from '../repositories.js';
import { type PurchaseNotice, type PurchaseNoticeMessage, purchaseNoticeMessages } from './purchase-notice.js';
import { type PurchaseNoticePolicy, nextAttemptAt } from './purchase-notice-policy.js';
import { type PurchaseNoticeSender, SmsNotSent } from './purchase-notice-sender.js';

/** What one run did with one notice. `error` is a reason without content (no codes). */
export interface NoticeAttempt {
  readonly orderNo: string;
  readonly outcome: 'sent' | 'retry' | 'failed' | 'taken';
  /** Messages of the notice sent so far, and how many it has. */
  readonly sentParts: number;
  readonly parts: number;
  readonly attempts: number;
  readonly error?: string;
  /** The error itself when it was not the provider's refusal (a bug or a database fault). */
  readonly cause?: unknown;
}

/**
 * The purchase-notice job, run periodically on every instance: each due notice is claimed by a
 * conditional write (so two instances never send the same one), its messages not yet sent are
 * sent, and the notice is marked sent; a failure leaves it pending for a retry after a growing
 * delay, or failed after the last attempt. Sending happens outside any transaction and never
 * touches the order: a failing SMS cannot affect the payment.
 */
export class SendPurchaseNotices {
  constructor(
    private readonly repositories: Repositories,
    private readonly sender: PurchaseNoticeSender,
    private readonly random: Random,
    private readonly clock: Clock,
    private readonly policy: PurchaseNoticePolicy,
  ) {}

  async execute(): Promise<NoticeAttempt[]> {
    const due = await this.repositories.purchaseNotices.findDue(this.clock.now(), this.policy.batchSize);
    const attempts: NoticeAttempt[] = [];
    for (const notice of due) attempts.push(await this.attempt(notice));
    return attempts;
  }

  private async attempt(notice: PurchaseNotice): Promise<NoticeAttempt> {
    const { purchaseNotices } = this.repositories;
    const token = this.random.token();
    const now = this.clock.now();
    const report = (outcome: NoticeAttempt['outcome'], sentParts: number, parts: number, error?: string): NoticeAttempt => ({
      orderNo: notice.orderNo,
      outcome,
      sentParts,
      parts,
      attempts: notice.attempts + 1,
      ...(error === undefined ? {} : { error }),
    });
    if (!(await purchaseNotices.claim(notice.id, notice.attempts, token, now, new Date(now.getTime() + this.policy.leaseMs)))) {
      return { ...report('taken', notice.sentParts, 0), attempts: notice.attempts };
    }
    let sentParts = notice.sentParts;
    let parts = 0;
    try {
      const messages = await this.messagesOf(notice);
      parts = messages.length;
      for (const message of messages.slice(sentParts)) {
        await this.sender.sendPurchaseNotice(notice.mobile, message);
        sentParts += 1;
        if (!(await purchaseNotices.recordProgress(notice.id, token, sentParts, this.clock.now()))) {
          return report('taken', sentParts, parts);
        }
      }
    } catch (error) {
      const refused = error instanceof SmsNotSent;
      const reason = refused ? error.reason : 'unexpected error';
      const retryAt = nextAttemptAt(this.policy, notice.attempts + 1, this.clock.now());
      await purchaseNotices.markAttemptFailed(notice.id, token, reason, retryAt, this.clock.now());
      return { ...report(retryAt ? 'retry' : 'failed', sentParts, parts, reason), ...(refused ? {} : { cause: error }) };
    }
    await purchaseNotices.markSent(notice.id, token, this.clock.now());
    return report('sent', sentParts, parts);
  }

  private async messagesOf(notice: PurchaseNotice): Promise<PurchaseNoticeMessage[]> {
    const { orders, goods } = this.repositories;
    const order = await orders.findById(notice.orderId);
    if (!order) throw new Error(`order ${notice.orderNo} of a purchase notice not found`);
    const items = (await orders.itemsOf([order.id])).get(order.id) ?? [];
    const bought = await goods.findById(order.goodsId);
    if (!bought) throw new Error(`goods of order ${notice.orderNo} not found`);
    const codes = [...items].sort((a, b) => a.id - b.id).map((item) => item.verifyCode);
    return purchaseNoticeMessages(
      { orderNo: order.orderNo, goodsName: order.goodsName, buyNumber: order.buyNumber, endDate: bought.endDate, codes },
      this.policy.maxParamLength,
    );
  }
}
