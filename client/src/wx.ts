/**
 * The part of the mini-program `wx` API the client uses, as narrow as it needs (the official
 * typings' `wx` satisfies it: see `globalWx`). Tests hand in a shim with the same shape.
 */
export interface WxApi {
  request(option: {
    url: string;
    method?: 'GET' | 'POST';
    data?: Record<string, unknown>;
    header?: Record<string, string>;
    dataType?: 'json';
    success?(result: { data: unknown; statusCode: number }): void;
    fail?(error: { errMsg: string }): void;
  }): unknown;
  login(option: { success?(result: { code: string }): void; fail?(error: { errMsg: string }): void }): unknown;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: unknown): void;
  removeStorageSync(key: string): void;
  requestPayment(option: {
    timeStamp: string;
    nonceStr: string;
    package: string;
    signType?: 'MD5' | 'HMAC-SHA256' | 'RSA';
    paySign: string;
    success?(result: { errMsg: string }): void;
    fail?(error: { errMsg: string }): void;
  }): unknown;
}

declare const wx: WechatMiniprogram.Wx | undefined;

/** The mini program's own `wx`, when the client runs in one. */
export function globalWx(): WxApi {
  if (typeof wx === 'undefined') throw new Error('no wx: pass one in the client options');
  const own: WxApi = wx;
  return own;
}
