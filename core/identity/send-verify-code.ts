import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import type { UnitOfWork } from '../shared/repositories.js';
import { startOfShanghaiDay } from '../shared/shanghai-time.js';
import { Mobile } from './mobile.js';
import type { SmsSender } from './sms-sender.js';
import { smsMobileLock, type VerifyCodePolicy } from './verify-code.js';

export interface SendVerifyCodeInput {
  readonly mobile: string;
  /** The client's address, for the per-IP cap. */
  readonly ip: string;
}

const HOUR_MS = 3600_000;

/**
 * `/sms/verify_code`: sends a fresh login code, within the cooldown and the caps (20003).
 * The checks and the write run under locks on the IP and the mobile, so parallel requests for one
 * mobile send one code. Returns the code so that the edge can show it outside production.
 */
export class SendVerifyCode {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sms: SmsSender,
    private readonly random: Random,
    private readonly clock: Clock,
    private readonly policy: VerifyCodePolicy,
  ) {}

  async execute(input: SendVerifyCodeInput): Promise<{ code: string }> {
    const mobile = Mobile.create(input.mobile).value;
    const { policy } = this;
    const issued = await this.uow.run(async ({ locks, verifyCodes }) => {
      await locks.acquire(`sms-ip:${input.ip}`);
      await locks.acquire(smsMobileLock(mobile));
      const now = this.clock.now();
      const latest = await verifyCodes.findLatest(mobile);
      if (latest && now.getTime() - latest.sentAt.getTime() < policy.cooldownMs) {
        const wait = Math.ceil((policy.cooldownMs - (now.getTime() - latest.sentAt.getTime())) / 1000);
        throw new DomainError(20003, `发送过于频繁，请${wait}秒后再试`);
      }
      if ((await verifyCodes.countSentToMobileSince(mobile, startOfShanghaiDay(now))) >= policy.dailyPerMobile) {
        throw new DomainError(20003, '发送过于频繁，该手机号今日发送次数已达上限');
      }
      if ((await verifyCodes.countSentFromIpSince(input.ip, new Date(now.getTime() - HOUR_MS))) >= policy.hourlyPerIp) {
        throw new DomainError(20003, '发送过于频繁，请稍后再试');
      }
      return verifyCodes.add({
        mobile,
        code: this.random.digits(policy.length),
        ip: input.ip,
        sentAt: now,
        expiresAt: new Date(now.getTime() + policy.ttlMs),
      });
    });
    try {
      await this.sms.sendVerifyCode(mobile, issued.code, Math.round(policy.ttlMs / 60_000));
    } catch (error) {
      await this.uow.run(({ verifyCodes }) => verifyCodes.delete(issued.id));
      throw error;
    }
    return { code: issued.code };
  }
}
