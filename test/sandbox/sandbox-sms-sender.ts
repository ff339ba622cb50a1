import type { Logger } from 'pino';
import { TencentSmsSender, type TencentSmsSenderOptions } from '../../adapters/sms/tencent-sms-sender.js';
import { DEMO_SMS_ACCOUNT, TENCENT_CLOUD_PATH, demoSmsTemplateId } from '../../apps/wechat-sandbox/sms-account.js';
import type { RunningSandbox } from '../../apps/wechat-sandbox/sandbox-server.js';

/** The project's Tencent Cloud SMS client, signing with the sandbox's demo account and both its templates. */
export function sandboxSmsSender(sandbox: RunningSandbox, logger: Logger, overrides: Partial<TencentSmsSenderOptions> = {}): TencentSmsSender {
  return new TencentSmsSender({
    secretId: DEMO_SMS_ACCOUNT.secretId,
    secretKey: DEMO_SMS_ACCOUNT.secretKey,
    sdkAppId: DEMO_SMS_ACCOUNT.sdkAppId,
    signName: DEMO_SMS_ACCOUNT.signName,
    templateId: demoSmsTemplateId('verify'),
    notifyTemplateId: demoSmsTemplateId('notice'),
    region: 'ap-guangzhou',
    endpoint: `${sandbox.url}/wechat-sandbox${TENCENT_CLOUD_PATH}`,
    timeoutMs: 2000,
    logger,
    ...overrides,
  });
}
