import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import type { Random, SecretHasher } from '../shared/random.js';
import type { OperRepository } from '../tenancy/oper-repository.js';
import { isEnabled } from '../tenancy/oper.js';
import type { SessionRepository } from './session-repository.js';
import { SESSION_TTL_MS } from './session.js';
import type { UserRepository } from './user-repository.js';
import { type UserInfo, userInfoOf } from './user.js';
import type { WechatAuth } from './wechat-auth.js';
import type { WechatIdentityRepository } from './wechat-identity-repository.js';

export interface WxLoginInput {
  /** The mini program the request comes from; null when the request does not say. */
  readonly appid: string | null;
  readonly code: string;
}

export interface WxLoginResult {
  readonly token: string;
  /** Present when the openId is already bound to a user. */
  readonly userInfo?: UserInfo;
}

/** What a WeChat login reads and writes. */
export interface WxLoginPorts {
  readonly opers: Pick<OperRepository, 'findByAppid'>;
  readonly wechatIdentities: Pick<WechatIdentityRepository, 'ensure'>;
  readonly sessions: Pick<SessionRepository, 'add'>;
  readonly users: Pick<UserRepository, 'findById'>;
}

/** `/wxLogin`: trades a `wx.login` code for a token of this mini program. */
export class WxLogin {
  constructor(
    private readonly ports: WxLoginPorts,
    private readonly wechat: WechatAuth,
    private readonly random: Random,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
  ) {}

  async execute({ appid, code }: WxLoginInput): Promise<WxLoginResult> {
    if (appid === null) throw new DomainError(70011);
    const { opers, wechatIdentities, sessions, users } = this.ports;
    const oper = await opers.findByAppid(appid);
    if (!oper || !isEnabled(oper)) throw new DomainError(70011);

    const { openId } = await this.wechat.codeToSession(oper, code);
    const now = this.clock.now();
    const identity = await wechatIdentities.ensure(appid, openId, now);
    const token = this.random.token();
    await sessions.add({
      tokenHash: this.hasher.hash(token),
      operId: oper.id,
      appid,
      openId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
    const user = identity.userId === null ? null : await users.findById(identity.userId);
    return user ? { token, userInfo: userInfoOf(user) } : { token };
  }
}
