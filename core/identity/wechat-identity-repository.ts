import type { WechatIdentity } from './wechat-identity.js';

export interface WechatIdentityRepository {
  find(appid: string, openId: string): Promise<WechatIdentity | null>;
  /** Records that this openId exists in this mini program; keeps any binding it already has. */
  ensure(appid: string, openId: string, now: Date): Promise<WechatIdentity>;
  /**
   * Binds the openId to the user, re-binding it if it was bound to another, and unbinding any other
   * openId the user had in the same mini program (one openId per appid and user).
   */
  bind(appid: string, openId: string, userId: number, now: Date): Promise<void>;
}
