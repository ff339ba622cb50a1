import { sameSecret } from './code2session-rules.js';
import type { JsonFields } from './wechat-body.js';
import { WECHAT_ERRORS, type WechatError } from './wechat-errors.js';

/** What to answer a getStableAccessToken call. */
export type StableTokenDecision =
  | { readonly kind: 'token'; readonly appid: string; readonly forceRefresh: boolean }
  | { readonly kind: 'error'; readonly error: WechatError };

/**
 * Decides a getStableAccessToken call `{grant_type, appid, secret, force_refresh?}`: a field of
 * the wrong JSON type is 47001 data format error; then grant_type must be `client_credential`
 * (40002), the appid present (41002) and known (40013), the secret present (41004) and right
 * (40125).
 */
export function decideStableToken(
  body: JsonFields,
  secretOf: (appid: string) => string | undefined,
): StableTokenDecision {
  const error = (e: WechatError): StableTokenDecision => ({ kind: 'error', error: e });
  const { grant_type: grantType, appid, secret, force_refresh: forceRefresh } = body;
  const optional = (value: unknown, type: 'string' | 'boolean') => value === undefined || value === null || typeof value === type;
  if (!optional(grantType, 'string') || !optional(appid, 'string') || !optional(secret, 'string') || !optional(forceRefresh, 'boolean')) {
    return error(WECHAT_ERRORS.dataFormatError);
  }
  if (grantType !== 'client_credential') return error(WECHAT_ERRORS.invalidGrantType);
  if (typeof appid !== 'string' || appid === '') return error(WECHAT_ERRORS.appidMissing);
  const expected = secretOf(appid);
  if (expected === undefined) return error(WECHAT_ERRORS.invalidAppid);
  if (typeof secret !== 'string' || secret === '') return error(WECHAT_ERRORS.appsecretMissing);
  if (!sameSecret(secret, expected)) return error(WECHAT_ERRORS.invalidAppsecret);
  return { kind: 'token', appid, forceRefresh: forceRefresh === true };
}
