import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Geocoder } from '../../core/index.js';
import { OfflineGeocoder } from '../../adapters/geo/offline-geocoder.js';
import { TencentLbsGeocoder } from '../../adapters/geo/tencent-lbs-geocoder.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { AppConfig } from './config.js';
import type { Infrastructure } from './composition-root.js';

/** Where the mounted WeChat sandbox answers on an app's own address. */
export const SANDBOX_PREFIX = '/wechat-sandbox';

/**
 * The sandbox that WeChat and WeChat Pay calls go to in sandbox mode: the one `WECHAT_SANDBOX_URL`
 * names, else the one mounted by the app at `appUrl`; null in live mode (the real APIs).
 */
export function wechatBaseUrl(config: AppConfig, appUrl: string): string | null {
  return config.wechatMode === 'sandbox' ? `${config.wechatSandboxUrl ?? appUrl}${SANDBOX_PREFIX}` : null;
}

/**
 * What the composition root is built from, for the app answering at `appUrl`: WeChat's and WeChat
 * Pay's addresses (the sandbox's in sandbox mode) and where notifications reach it. The server and
 * the operator CLI (which works beside the app on `PORT`) share this rule.
 */
export function infrastructureOf(
  config: AppConfig,
  logger: Logger,
  db: Knex,
  appUrl: string,
  geocoder: Geocoder,
  secrets?: SecretBox,
): Infrastructure {
  const sandbox = wechatBaseUrl(config, appUrl);
  return {
    config,
    ...(secrets ? { secrets } : {}),
    logger,
    db,
    wechatApiBaseUrl: sandbox ?? config.wechatApiBaseUrl,
    wechatPayApiBaseUrl: sandbox ?? config.wechatPayApiBaseUrl,
    publicBaseUrl: config.publicBaseUrl ?? appUrl,
    sandboxBaseUrl: sandbox,
    geocoder,
  };
}

/**
 * The geocoder of the configuration. The offline one reads its county boundaries now (~0.1 s,
 * ~20 MB), so that a missing file stops the start instead of failing a request.
 */
export async function createGeocoder(config: AppConfig, logger: Logger): Promise<Geocoder> {
  if (config.geocoder === 'tencent') {
    return new TencentLbsGeocoder({ key: config.tencentLbsKey ?? '', timeoutMs: config.wechatTimeoutMs, logger });
  }
  return OfflineGeocoder.load();
}
