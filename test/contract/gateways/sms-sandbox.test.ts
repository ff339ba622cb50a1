import { demoSmsTemplateId } from '../../../apps/wechat-sandbox/sms-account.js';
import { capturedLogger } from '../../adapters/support/captured-logger.js';
import { startTestSandbox } from '../../sandbox/sandbox-harness.js';
import { sandboxSmsSender } from '../../sandbox/sandbox-sms-sender.js';
import { type ReceivedSms, describeSmsContract } from './sms-contract.js';

// Tencent Cloud SMS's client against the sandbox, which plays Tencent's SendSms and records what it accepts.
const VERIFY = demoSmsTemplateId('verify');
const NOTICE = demoSmsTemplateId('notice');
const REFUSAL = 'LimitExceeded.PhoneNumberDailyLimit';

describeSmsContract('TencentSmsSender on the SMS sandbox', async () => {
  const sandbox = await startTestSandbox();
  const sms = sandboxSmsSender(sandbox, capturedLogger().logger);
  return {
    sms,
    received: async (mobile) => {
      const list = (await (await sandbox.get(`/sms?mobile=${mobile}`)).json()) as Array<{ template_id: string; params: string[] }>;
      return list.map((m): ReceivedSms => ({ template: templateOf(m.template_id), params: m.params }));
    },
    refuseNext: async (mobile) => {
      const answer = await sandbox.post('/sms/faults', { fault: REFUSAL, times: 1, mobile });
      if (answer.status !== 200) throw new Error(`the SMS sandbox took no fault: ${await answer.text()}`);
      return REFUSAL;
    },
    providerGoesDown: () => sandbox.close(),
    close: () => sandbox.close(),
  };
});

function templateOf(id: string): ReceivedSms['template'] {
  if (id === VERIFY) return 'verify-code';
  if (id === NOTICE) return 'purchase-notice';
  throw new Error(`an SMS of template ${id}, which the sender was not given`);
}
