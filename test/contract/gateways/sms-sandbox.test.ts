import { TencentSmsSender } from '../../../adapters/sms/tencent-sms-sender.js';
import { DEMO_SMS_ACCOUNT, TENCENT_CLOUD_PATH, demoSmsTemplateId } from '../../../apps/wechat-sandbox/sms-account.js';
import { capturedLogger } from '../../adapters/support/captured-logger.js';
import { startTestSandbox } from '../../sandbox/sandbox-harness.js';
import { type ReceivedSms, describeSmsContract } from './sms-contract.js';

// Tencent Cloud SMS's client against the sandbox, which plays Tencent's SendSms and records what it accepts.
const VERIFY = demoSmsTemplateId('verify');
const NOTICE = demoSmsTemplateId('notice');
const REFUSAL = 'LimitExceeded.PhoneNumberDailyLimit';

describeSmsContract('TencentSmsSender on the SMS sandbox', async () => {
  const sandbox = await startTestSandbox();
  const sms = new TencentSmsSender({
    secretId: DEMO_SMS_ACCOUNT.secretId,
    secretKey: DEMO_SMS_ACCOUNT.secretKey,
    sdkAppId: DEMO_SMS_ACCOUNT.sdkAppId,
    signName: DEMO_SMS_ACCOUNT.signName,
    templateId: VERIFY,
    notifyTemplateId: NOTICE,
    region: 'ap-guangzhou',
    endpoint: `${sandbox.url}/wechat-sandbox${TENCENT_CLOUD_PATH}`,
    timeoutMs: 2_000,
    logger: capturedLogger().logger,
  });
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
