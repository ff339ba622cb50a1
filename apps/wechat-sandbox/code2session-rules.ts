import { createHash, timingSafeEqual } from 'node:crypto';
import { WECHAT_ERRORS, type WechatError } from './wechat-errors.js';

/** The jscode2session query parameters, first value of each, absent when not sent. */
export interface Code2SessionQuery {
  readonly appid?: string;
  readonly secret?: string;
  readonly js_code?: string;
  readonly grant_type?: string;
}

/**
 * The js_code values that make the sandbox misbehave, for testing a client: a held answer, an
 * HTTP 500, a busy system, a non-JSON body, a minute quota hit, a used code and a blocked user.
 */
export const FAULT_CODES = Object.freeze({
  timeout: 'fault-timeout',
  http500: 'fault-500',
  busy: 'fault-busy',
  garbage: 'fault-garbage',
  quota: 'fault-quota',
  used: 'used',
  risky: 'risky',
} as const);

/** What to answer a jscode2session call. */
export type Code2SessionDecision =
  | { readonly kind: 'session'; readonly appid: string; readonly code: string }
  | { readonly kind: 'error'; readonly error: WechatError }
  | { readonly kind: 'http-500' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'hold' };

const CODE_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Decides the answer to a jscode2session call the way WeChat checks it: appid, then secret,
 * then grant_type, then the code; fault codes apply only to a call that passes those checks.
 */
export function decideCode2Session(
  query: Code2SessionQuery,
  secretOf: (appid: string) => string | undefined,
): Code2SessionDecision {
  const error = (e: WechatError): Code2SessionDecision => ({ kind: 'error', error: e });
  const { appid, secret, js_code: code, grant_type: grantType } = query;
  if (!appid) return error(WECHAT_ERRORS.appidMissing);
  const expected = secretOf(appid);
  if (expected === undefined) return error(WECHAT_ERRORS.invalidAppid);
  if (!secret) return error(WECHAT_ERRORS.appsecretMissing);
  if (!sameSecret(secret, expected)) return error(WECHAT_ERRORS.invalidAppsecret);
  if (grantType !== 'authorization_code') return error(WECHAT_ERRORS.invalidGrantType);
  if (!code) return error(WECHAT_ERRORS.missingCode);
  if (!CODE_PATTERN.test(code)) return error(WECHAT_ERRORS.invalidCode);
  switch (code) {
    case FAULT_CODES.timeout: return { kind: 'hold' };
    case FAULT_CODES.http500: return { kind: 'http-500' };
    case FAULT_CODES.garbage: return { kind: 'garbage' };
    case FAULT_CODES.busy: return error(WECHAT_ERRORS.systemError);
    case FAULT_CODES.quota: return error(WECHAT_ERRORS.minuteQuota);
    case FAULT_CODES.used: return error(WECHAT_ERRORS.codeBeenUsed);
    case FAULT_CODES.risky: return error(WECHAT_ERRORS.codeBlocked);
    default: return { kind: 'session', appid, code };
  }
}

/** Compares an AppSecret with the expected one in constant time (whatever their lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
