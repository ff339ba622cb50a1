import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import type { Repositories, UnitOfWork } from '../shared/repositories.js';
import type { Caller } from './caller.js';
import { Mobile } from './mobile.js';
import { type UserInfo, userInfoOf } from './user.js';
import type { VerifyCodePolicy } from './verify-code.js';

export interface BindMobileInput {
  readonly caller: Caller;
  readonly mobile: string;
  readonly verifyCode: string;
}

/**
 * `/login`: checks the SMS code (20001 wrong, 20002 expired, used or void after too many wrong
 * tries), finds or creates the user of the mobile, and binds the caller's openId to them.
 * Consuming the code, creating the user and binding happen in one transaction.
 */
export class BindMobile {
  constructor(
    private readonly repositories: Repositories,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly policy: VerifyCodePolicy,
  ) {}

  async execute({ caller, mobile: rawMobile, verifyCode }: BindMobileInput): Promise<{ userInfo: UserInfo }> {
    const mobile = Mobile.create(rawMobile);
    const { maxFailedAttempts } = this.policy;
    const now = this.clock.now();
    const latest = await this.repositories.verifyCodes.findLatest(mobile.value);
    const usable =
      latest !== null &&
      latest.consumedAt === null &&
      latest.failedAttempts < maxFailedAttempts &&
      latest.expiresAt.getTime() > now.getTime();
    if (!usable) throw new DomainError(20002);
    if (latest.code !== verifyCode) {
      const counted = await this.repositories.verifyCodes.recordFailedAttempt(latest.id, maxFailedAttempts);
      if (!counted) throw new DomainError(20002);
      throw new DomainError(20001);
    }
    const user = await this.uow.run(async ({ verifyCodes, users, wechatIdentities }) => {
      if (!(await verifyCodes.consume(latest.id, maxFailedAttempts, now))) throw new DomainError(20002);
      const found = await users.findOrCreateByMobile(mobile.value, mobile.masked(), now);
      await wechatIdentities.bind(caller.appid, caller.openId, found.id, now);
      return found;
    });
    return { userInfo: userInfoOf(user) };
  }
}
