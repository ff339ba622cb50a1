import type { AppConfig } from './config.js';

/** Where the mounted WeChat sandbox answers on an app's own address. */
export const SANDBOX_PREFIX = '/wechat-sandbox';

/**
 * The sandbox that WeChat and WeChat Pay calls go to in sandbox mode: the one `WECHAT_SANDBOX_URL`
 * names, else the one mounted by the app at `appUrl`; null in live mode (the real APIs). The app
 * and the operator CLI (which reaches the running app's sandbox) share this rule.
 */
export function wechatBaseUrl(config: AppConfig, appUrl: string): string | null {
  return config.wechatMode === 'sandbox' ? `${config.wechatSandboxUrl ?? appUrl}${SANDBOX_PREFIX}` : null;
}
