import type { Oper } from '../tenancy/oper.js';

export interface WechatSession {
  readonly openId: string;
  readonly unionId?: string;
}

/**
 * WeChat's `jscode2session`: trades a `wx.login` code for the user's openId in the oper's mini
 * program. Throws a DomainError: 10001 when WeChat rejects the code, 70012 when WeChat is
 * unreachable, slow, or refuses for reasons of its own.
 */
export interface WechatAuth {
  codeToSession(oper: Oper, code: string): Promise<WechatSession>;
}
