import {
  DomainError,
  ErrorCode,
  type PurchaseNoticeMessage,
  type PurchaseNoticeSender,
  type SmsSender,
  SmsNotSent,
} from '../../../core/index.js';

/** An SMS the fake provider accepted: its template, and the template's parameters in order. */
export interface FakeSms {
  readonly mobile: string;
  readonly template: 'verify-code' | 'purchase-notice';
  readonly params: readonly string[];
}

/**
 * An SMS provider played in memory, keeping the {@link SmsSender} and {@link PurchaseNoticeSender}
 * contracts: every send yields to the event loop first, as a remote call does; an accepted SMS is
 * kept in `sent` with its template's parameters (a login code: the code, then its minutes; a
 * notice: the five parameters of {@link PurchaseNoticeMessage} in order); a refused or failed send
 * keeps nothing and rejects, with DomainError 20004 for a login code and {@link SmsNotSent} (the
 * provider's code, or `network`) for a notice.
 */
export class FakeSmsProvider implements SmsSender, PurchaseNoticeSender {
  /** Every SMS accepted, oldest first. */
  readonly sent: FakeSms[] = [];
  /** Set: every send fails as if the provider could not be reached. */
  unreachable = false;
  private refusals: Array<{ mobile: string | null; code: string; left: number }> = [];

  /** The next `times` sends (to `mobile` only, when given) are refused with the provider's `code`. */
  refuse(code: string, times = 1, mobile: string | null = null): void {
    this.refusals.push({ mobile, code, left: times });
  }

  async sendVerifyCode(mobile: string, code: string, ttlMinutes: number): Promise<void> {
    const failure = await this.send({ mobile, template: 'verify-code', params: [code, String(ttlMinutes)] });
    if (failure !== null) throw new DomainError(ErrorCode.SmsSendFailed);
  }

  async sendPurchaseNotice(mobile: string, message: PurchaseNoticeMessage): Promise<void> {
    const params = [message.orderNo, message.name, message.number, message.endDate, message.verifyCode];
    const failure = await this.send({ mobile, template: 'purchase-notice', params });
    if (failure !== null) throw new SmsNotSent(failure);
  }

  /** Resolves to null once the SMS is accepted, else to why it was not. */
  private async send(sms: FakeSms): Promise<string | null> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.unreachable) return 'network';
    const refusal = this.refusals.find((r) => r.left > 0 && (r.mobile === null || r.mobile === sms.mobile));
    if (refusal) {
      refusal.left -= 1;
      return refusal.code;
    }
    this.sent.push(sms);
    return null;
  }
}
