import { randomBytes } from 'node:crypto';

/** An error as WeChat's API answers it: a numeric errcode and an English errmsg. */
export interface WechatError {
  readonly errcode: number;
  readonly errmsg: string;
}

/**
 * The WeChat errors the sandbox answers, with WeChat's own codes and messages (global return
 * codes, and the code2Session, getStableAccessToken and getUnlimitedQRCode pages of the
 * mini-program server API documentation).
 */
export const WECHAT_ERRORS = Object.freeze({
  systemError: { errcode: -1, errmsg: 'system error' },
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  invalidGrantType: { errcode: 40002, errmsg: 'invalid grant_type' },
  invalidAppid: { errcode: 40013, errmsg: 'invalid appid' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  invalidArgs: { errcode: 40097, errmsg: 'invalid args' },
  invalidAppsecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  invalidScene: { errcode: 40129, errmsg: 'invalid scene' },
  codeBeenUsed: { errcode: 40163, errmsg: 'code been used' },
  invalidSceneLength: { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' },
  codeBlocked: { errcode: 40226, errmsg: 'code blocked' },
  accessTokenMissing: { errcode: 41001, errmsg: 'access_token missing' },
  appidMissing: { errcode: 41002, errmsg: 'appid missing' },
  appsecretMissing: { errcode: 41004, errmsg: 'appsecret missing' },
  missingCode: { errcode: 41008, errmsg: 'missing code' },
  invalidPage: { errcode: 41030, errmsg: 'invalid page' },
  accessTokenExpired: { errcode: 42001, errmsg: 'access_token expired' },
  requirePost: { errcode: 43002, errmsg: 'require POST method' },
  emptyPostData: { errcode: 44002, errmsg: 'empty post data' },
  contentTooLarge: { errcode: 45002, errmsg: 'content size out of limit' },
  minuteQuota: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
  dataFormatError: { errcode: 47001, errmsg: 'data format error' },
  scancodeTimeNotAllowed: { errcode: 85096, errmsg: 'not allow include scancode_time field' },
} satisfies Record<string, WechatError>);

/** The body WeChat sends for an error: the message carries a request id (`, rid: …`). */
export function wechatErrorBody(error: WechatError): WechatError {
  return { errcode: error.errcode, errmsg: `${error.errmsg}, rid: ${requestId()}` };
}

/** `wechatErrorBody`, handed to `record` (the call log's `errcode` outcome) before it is sent. */
export function recordedErrorBody(
  error: WechatError,
  record: (outcome: { result: 'errcode'; errcode: number; errmsg: string }) => void,
): WechatError {
  const body = wechatErrorBody(error);
  record({ result: 'errcode', ...body });
  return body;
}

function requestId(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}
