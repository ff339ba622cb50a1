import { randomBytes } from 'node:crypto';

/** An error as WeChat's API answers it: a numeric errcode and an English errmsg. */
export interface WechatError {
  readonly errcode: number;
  readonly errmsg: string;
}

/**
 * The WeChat errors the sandbox answers, with WeChat's own codes and messages (global return
 * codes and the code2Session page of the mini-program server API documentation).
 */
export const WECHAT_ERRORS = Object.freeze({
  systemError: { errcode: -1, errmsg: 'system error' },
  invalidGrantType: { errcode: 40002, errmsg: 'invalid grant_type' },
  invalidAppid: { errcode: 40013, errmsg: 'invalid appid' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  invalidAppsecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  codeBeenUsed: { errcode: 40163, errmsg: 'code been used' },
  codeBlocked: { errcode: 40226, errmsg: 'code blocked' },
  appidMissing: { errcode: 41002, errmsg: 'appid missing' },
  appsecretMissing: { errcode: 41004, errmsg: 'appsecret missing' },
  missingCode: { errcode: 41008, errmsg: 'missing code' },
  minuteQuota: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
} satisfies Record<string, WechatError>);

/** The body WeChat sends for an error: the message carries a request id (`, rid: …`). */
export function wechatErrorBody(error: WechatError): WechatError {
  return { errcode: error.errcode, errmsg: `${error.errmsg}, rid: ${requestId()}` };
}

function requestId(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}
