import { createHash } from 'node:crypto';

/** A mini program the sandbox knows: its AppID and the AppSecret it must be called with. */
export interface SandboxMiniProgram {
  readonly appid: string;
  readonly secret: string;
}

/** The sandbox's known mini programs by default: the demo's (apps/shared/demo-accounts.ts). */
export { DEMO_APPS } from '../shared/demo-accounts.js';

/**
 * The openId the sandbox answers for a `wx.login` code in a mini program: shaped like WeChat's
 * (28 characters, `o` then base64url), deterministic for (appid, code) and different per appid,
 * as a real user's openId differs per mini program. `sandboxOpenId('wx0000000000000001', 'user')`
 * is the demo user's.
 */
export function sandboxOpenId(appid: string, code: string): string {
  const digest = createHash('sha256').update(`${appid}\n${code}`).digest('base64url');
  return `o${digest.slice(0, 27)}`;
}
