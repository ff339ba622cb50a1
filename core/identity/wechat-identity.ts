/** A user's WeChat identity in one mini program: one openId per (appid, user). */
export interface WechatIdentity {
  readonly appid: string;
  readonly openId: string;
  /** The bound user; null until the phone is bound with `/login`. */
  readonly userId: number | null;
}
