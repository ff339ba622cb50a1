import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import type { Random } from '../shared/random.js';
import type { Transactional } from '../shared/transactional.js';
import type { Locks } from '../shared/locks.js';
import { startOfShanghaiDay } from '../shared/shanghai-time.js';
import { Mobile } from './mobile.js';
import type { SmsSender } from './sms-sender.js';
import type { VerifyCodeDigest } from './verify-code-digest.js';
import type { VerifyCodeRepository } from './verify-code-repository.js';
import { smsMobileLock, type VerifyCodePolicy } from './verify-code.js';

export interface SendVerifyCodeInput {
  readonly mobile: string;
  /** The client's address, for the per-IP cap. */
  readonly ip: string;
  /** The hash of the caller's token, for the per-token cap; null when there is none. */
  readonly requester: string | null;
}

/** What sending a code reads and writes, in one transaction. */
export interface SendVerifyCodeRepositories {
  readonly locks: Locks;
  readonly verifyCodes: Pick<
    VerifyCodeRepository,
    'add' | 'findLatest' | 'countSentToMobileSince' | 'countSentFromIpSince' | 'countSentByRequesterSince' | 'delete'
  >;
}

const HOUR_MS = 3600_000;

/**
 * `/sms/verify_code`: sends a fresh login code, within the cooldown and the caps (20003): per
 * mobile and day, per client IP and hour, per token and hour. The checks and the write run under
 * locks on the IP, the token and the mobile, so parallel requests send one code. Only the code's
 * keyed digest is stored; the code is returned so that the edge can show it outside production.
 */
export class SendVerifyCode {
  constructor(
    private readonly uow: Transactional<SendVerifyCodeRepositories>,
    private readonly sms: SmsSender,
    private readonly random: Random,
    private readonly digest: VerifyCodeDigest,
    private readonly clock: Clock,
    private readonly policy: VerifyCodePolicy,
  ) {}

  async execute(input: SendVerifyCodeInput): Promise<{ code: string }> {
    const mobile = Mobile.create(input.mobile).value;
    const { policy } = this;
    const { issued, code } = await this.uow.run(async ({ locks, verifyCodes }) => {
      await locks.acquire(`sms-ip:${input.ip}`);
      if (input.requester !== null) await locks.acquire(`sms-token:${input.requester}`);
      await locks.acquire(smsMobileLock(mobile));
      const now = this.clock.now();
      const hourAgo = new Date(now.getTime() - HOUR_MS);
      const latest = await verifyCodes.findLatest(mobile);
      if (latest && now.getTime() - latest.sentAt.getTime() < policy.cooldownMs) {
        const wait = Math.ceil((policy.cooldownMs - (now.getTime() - latest.sentAt.getTime())) / 1000);
        throw new DomainError(20003, `发送过于频繁，请${wait}秒后再试`);
      }
      if ((await verifyCodes.countSentToMobileSince(mobile, startOfShanghaiDay(now))) >= policy.dailyPerMobile) {
        throw new DomainError(20003, '发送过于频繁，该手机号今日发送次数已达上限');
      }
      if ((await verifyCodes.countSentFromIpSince(input.ip, hourAgo)) >= policy.hourlyPerIp) {
        throw new DomainError(20003, '发送过于频繁，请稍后再试');
      }
      if (input.requester !== null && (await verifyCodes.countSentByRequesterSince(input.requester, hourAgo)) >= policy.hourlyPerToken) {
        throw new DomainError(20003, '发送过于频繁，请稍后再试');
      }
      const drawn = this.random.digits(policy.length);
      const added = await verifyCodes.add({
        mobile,
        codeHash: this.digest.digest(mobile, drawn),
        ip: input.ip,
        requester: input.requester,
        sentAt: now,
        expiresAt: new Date(now.getTime() + policy.ttlMs),
      });
      return { issued: added, code: drawn };
    });
    try {
      await this.sms.sendVerifyCode(mobile, code, Math.round(policy.ttlMs / 60_000));
    } catch (error) {
      await this.uow.run(({ verifyCodes }) => verifyCodes.delete(issued.id));
      throw error;
    }
    return { code };
  }
}
