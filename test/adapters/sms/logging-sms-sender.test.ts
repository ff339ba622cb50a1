import { expect } from 'chai';
import { LoggingSmsSender } from '../../../adapters/sms/logging-sms-sender.js';
import { capturedLogger } from '../support/captured-logger.js';

describe('LoggingSmsSender (development only)', () => {
  it('logs the masked mobile and the code at info level, and sends nothing', async () => {
    const log = capturedLogger();
    await new LoggingSmsSender(log.logger).sendVerifyCode('13800138000', '493817', 5);
    const entries = log.entries();
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ level: 30, mobile: '138****8000', code: '493817', ttlMinutes: 5 });
    expect(log.text()).not.to.include('13800138000');
  });
});
