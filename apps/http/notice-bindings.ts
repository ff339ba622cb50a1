import type { Container } from 'inversify';
import type { Logger } from 'pino';
import { type Clock, type PurchaseNoticeSender, type Random, type Repositories, SendPurchaseNotices, type SmsSender } from '../../core/index.js';
import { LoggingSmsSender } from '../../adapters/sms/logging-sms-sender.js';
import { TencentSmsSender } from '../../adapters/sms/tencent-sms-sender.js';
import { DEMO_SMS_ACCOUNT, TENCENT_CLOUD_PATH, demoSmsTemplateId } from '../wechat-sandbox/sms-account.js';
import type { AppConfig } from './config.js';
import { TOKENS as T } from './tokens.js';

const SMS_TIMEOUT_MS = 5000;

/**
 * The SMS provider of this run: Tencent Cloud with the configured credentials; else (never in
 * production) the sandbox's Tencent Cloud SMS at `sandboxBaseUrl`, through the same client with
 * the sandbox's public account; else (live WeChat, no sandbox) a sender that only logs.
 */
export function createSmsProvider(config: AppConfig, sandboxBaseUrl: string | null, logger: Logger): SmsSender & PurchaseNoticeSender {
  if (config.sms) return new TencentSmsSender({ ...config.sms, timeoutMs: SMS_TIMEOUT_MS, logger });
  if (sandboxBaseUrl) {
    return new TencentSmsSender({
      secretId: DEMO_SMS_ACCOUNT.secretId,
      secretKey: DEMO_SMS_ACCOUNT.secretKey,
      sdkAppId: DEMO_SMS_ACCOUNT.sdkAppId,
      signName: DEMO_SMS_ACCOUNT.signName,
      templateId: demoSmsTemplateId('verify'),
      notifyTemplateId: demoSmsTemplateId('notice'),
      region: 'ap-guangzhou',
      endpoint: `${sandboxBaseUrl}${TENCENT_CLOUD_PATH}`,
      timeoutMs: SMS_TIMEOUT_MS,
      logger,
    });
  }
  return new LoggingSmsSender(logger);
}

/** The purchase-notice part of the composition root: the sender and the job's use case. */
export function bindNotices(c: Container, config: AppConfig, sender: PurchaseNoticeSender): void {
  c.bind(T.PurchaseNoticeSender).toConstantValue(sender);
  c.bind(T.SendPurchaseNotices).toResolvedValue(
    (repositories: Repositories, noticeSender: PurchaseNoticeSender, random: Random, clock: Clock) =>
      new SendPurchaseNotices(repositories, noticeSender, random, clock, config.purchaseNoticePolicy),
    [T.Repositories, T.PurchaseNoticeSender, T.Random, T.Clock],
  );
}
