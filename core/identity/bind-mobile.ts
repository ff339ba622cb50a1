import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import type { Locks } from '../shared/locks.js';
import type { Transactional } from '../shared/transactional.js';
import type { Caller } from './caller.js';
import { Mobile } from './mobile.js';
import { type User, type UserInfo, userInfoOf } from './user.js';
import type { UserRepository } from './user-repository.js';
import type { VerifyCodeDigest } from './verify-code-digest.js';
import type { VerifyCodeRepository } from './verify-code-repository.js';
import { smsMobileLock, type VerifyCodePolicy } from './verify-code.js';
import type { WechatIdentityRepository } from './wechat-identity-repository.js';

export interface BindMobileInput {
  readonly caller: Caller;
  readonly mobile: string;
  readonly verifyCode: string;
}

/** What binding a mobile reads and writes, in one transaction. */
export interface BindMobileRepositories {
  readonly locks: Locks;
  readonly verifyCodes: Pick<VerifyCodeRepository, 'findLatestRequestedBy' | 'recordFailedAttempt' | 'consume'>;
  readonly users: Pick<UserRepository, 'findOrCreateByMobile'>;
  readonly wechatIdentities: Pick<WechatIdentityRepository, 'bind'>;
}

type Outcome = { readonly user: User } | { readonly refusal: 20001 | 20002 };

/**
 * `/login`: checks the SMS code (20001 wrong, 20002 expired, used or void after too many wrong
 * tries), finds or creates the user of the mobile, and binds the caller's openId to them.
 * The code checked is the latest one the caller's own token asked for: another token can neither
 * guess it nor void it with wrong tries (for that token there is no code: 20002). It all runs in
 * one transaction under the mobile's lock (the one `SendVerifyCode` takes); a wrong try is
 * committed as such, not rolled back. The code is compared with the stored digest in constant time.
 */
export class BindMobile {
  constructor(
    private readonly uow: Transactional<BindMobileRepositories>,
    private readonly digest: VerifyCodeDigest,
    private readonly clock: Clock,
    private readonly policy: VerifyCodePolicy,
  ) {}

  async execute({ caller, mobile: rawMobile, verifyCode }: BindMobileInput): Promise<{ userInfo: UserInfo }> {
    const mobile = Mobile.create(rawMobile);
    const { maxFailedAttempts } = this.policy;
    const outcome = await this.uow.run(async ({ locks, verifyCodes, users, wechatIdentities }): Promise<Outcome> => {
      await locks.acquire(smsMobileLock(mobile.value));
      const now = this.clock.now();
      const latest = await verifyCodes.findLatestRequestedBy(mobile.value, caller.tokenHash ?? null);
      const usable =
        latest !== null &&
        latest.consumedAt === null &&
        latest.failedAttempts < maxFailedAttempts &&
        latest.expiresAt.getTime() > now.getTime();
      if (!usable) return { refusal: 20002 };
      if (!this.digest.matches(latest.codeHash, mobile.value, verifyCode)) {
        const counted = await verifyCodes.recordFailedAttempt(latest.id, maxFailedAttempts);
        return { refusal: counted ? 20001 : 20002 };
      }
      if (!(await verifyCodes.consume(latest.id, maxFailedAttempts, now))) return { refusal: 20002 };
      const user = await users.findOrCreateByMobile(mobile.value, mobile.masked(), now);
      await wechatIdentities.bind(caller.appid, caller.openId, user.id, now);
      return { user };
    });
    if ('refusal' in outcome) throw new DomainError(outcome.refusal);
    return { userInfo: userInfoOf(outcome.user) };
  }
}
