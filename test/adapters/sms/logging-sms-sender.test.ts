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

  it('logs of a purchase notice the order number and how many codes, never the codes', async () => {
    const log = capturedLogger();
    await new LoggingSmsSender(log.logger).sendPurchaseNotice('13800138000', {
      orderNo: '202611789012', name: '套餐', number: '2', endDate: '2026-12-31', verifyCode: '123456789012,223456789012',
    });
    expect(log.entries()).to.have.length(1);
    expect(log.entries()[0]).to.include({ level: 30, mobile: '138****8000', orderNo: '202611789012', codes: 2 });
    expect(log.text()).not.to.include('123456789012');
    expect(log.text()).not.to.include('13800138000');
  });
});
