import { createHash } from 'node:crypto';

/** A mini program the sandbox knows: its AppID and the AppSecret it must be called with. */
export interface SandboxMiniProgram {
  readonly appid: string;
  readonly secret: string;
}

/**
 * The sandbox's known mini programs: the demo data binds oper 1 to `wx0000000000000001` and oper 2
 * to `wx0000000000000002`. The secrets are obviously fake and have WeChat's length (32).
 */
export const DEMO_APPS: ReadonlyArray<SandboxMiniProgram> = Object.freeze([
  Object.freeze({ appid: 'wx0000000000000001', secret: 'sandbox-secret-0001-fake-0000001' }),
  Object.freeze({ appid: 'wx0000000000000002', secret: 'sandbox-secret-0002-fake-0000002' }),
]);

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
