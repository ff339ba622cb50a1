import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import type { UnitOfWork } from '../shared/repositories.js';
import type { Caller } from './caller.js';
import { Mobile } from './mobile.js';
import { type User, type UserInfo, userInfoOf } from './user.js';
import { smsMobileLock, type VerifyCodePolicy } from './verify-code.js';

export interface BindMobileInput {
  readonly caller: Caller;
  readonly mobile: string;
  readonly verifyCode: string;
}

type Outcome = { readonly user: User } | { readonly refusal: 20001 | 20002 };

/**
 * `/login`: checks the SMS code (20001 wrong, 20002 expired, used or void after too many wrong
 * tries), finds or creates the user of the mobile, and binds the caller's openId to them.
 * It all runs in one transaction under the mobile's lock (the one `SendVerifyCode` takes), so the
 * code checked is the latest one sent; a wrong try is committed as such, not rolled back.
 */
export class BindMobile {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly policy: VerifyCodePolicy,
  ) {}

  async execute({ caller, mobile: rawMobile, verifyCode }: BindMobileInput): Promise<{ userInfo: UserInfo }> {
    const mobile = Mobile.create(rawMobile);
    const { maxFailedAttempts } = this.policy;
    const outcome = await this.uow.run(async ({ locks, verifyCodes, users, wechatIdentities }): Promise<Outcome> => {
      await locks.acquire(smsMobileLock(mobile.value));
      const now = this.clock.now();
      const latest = await verifyCodes.findLatest(mobile.value);
      const usable =
        latest !== null &&
        latest.consumedAt === null &&
        latest.failedAttempts < maxFailedAttempts &&
        latest.expiresAt.getTime() > now.getTime();
      if (!usable) return { refusal: 20002 };
      if (latest.code !== verifyCode) {
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
