import type { Logger } from 'pino';
import type { SmsSender } from '../../core/identity/sms-sender.js';
import { maskMobile } from '../../core/identity/mobile.js';

/**
 * {@link SmsSender} for development: sends nothing and logs the masked mobile and the code at
 * info level, so a developer can log in without an SMS provider.
 */
export class LoggingSmsSender implements SmsSender {
  constructor(private readonly logger: Logger) {}

  async sendVerifyCode(mobile: string, code: string, ttlMinutes: number): Promise<void> {
    // DEVELOPMENT ONLY: this line carries the login code in clear. Never wire this sender in
    // production, where codes must not reach any log.
    this.logger.info({ mobile: maskMobile(mobile), code, ttlMinutes }, 'sms verify code (development sender, not sent)');
  }
}
