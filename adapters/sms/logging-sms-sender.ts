import type { Logger } from 'pino';
import type { SmsSender } from '../../core/identity/sms-sender.js';
import { CODE_SEPARATOR, type PurchaseNoticeMessage } from '../../core/notices/purchase-notice.js';
import type { PurchaseNoticeSender } from '../../core/notices/purchase-notice-sender.js';
import { maskMobile } from '../../core/identity/mobile.js';

/**
 * {@link SmsSender} and {@link PurchaseNoticeSender} for development with live WeChat and no SMS
 * provider (where no sandbox plays Tencent Cloud SMS): sends nothing; logs the masked mobile and
 * the login code at info level, so a developer can log in, and of a purchase notice only the
 * order number and how many codes it carries (the codes are in the order's detail).
 */
export class LoggingSmsSender implements SmsSender, PurchaseNoticeSender {
  constructor(private readonly logger: Logger) {}

  async sendVerifyCode(mobile: string, code: string, ttlMinutes: number): Promise<void> {
    // DEVELOPMENT ONLY: this line carries the login code in clear. Never wire this sender in
    // production, where codes must not reach any log.
    this.logger.info({ mobile: maskMobile(mobile), code, ttlMinutes }, 'sms verify code (development sender, not sent)');
  }

  async sendPurchaseNotice(mobile: string, message: PurchaseNoticeMessage): Promise<void> {
    const codes = message.verifyCode.split(CODE_SEPARATOR).length;
    this.logger.info({ mobile: maskMobile(mobile), orderNo: message.orderNo, codes }, 'purchase notice sms (development sender, not sent)');
  }
}
