import type { NewVerifyCode, VerifyCode } from './verify-code.js';

export interface VerifyCodeRepository {
  add(code: NewVerifyCode): Promise<VerifyCode>;
  /** The most recently sent code for the mobile, whatever its state. */
  findLatest(mobile: string): Promise<VerifyCode | null>;
  /**
   * The most recently sent code for the mobile among those the token whose hash is `requester`
   * asked for (null: those asked for without a token), whatever its state.
   */
  findLatestRequestedBy(mobile: string, requester: string | null): Promise<VerifyCode | null>;
  countSentToMobileSince(mobile: string, since: Date): Promise<number>;
  countSentFromIpSince(ip: string, since: Date): Promise<number>;
  /** Codes asked for by the token whose hash is `requester`, sent at or after `since`. */
  countSentByRequesterSince(requester: string, since: Date): Promise<number>;
  /**
   * Counts one wrong try, unless the code already has `maxFailedAttempts` or was consumed.
   * Returns false when nothing was counted.
   */
  recordFailedAttempt(id: number, maxFailedAttempts: number): Promise<boolean>;
  /**
   * Marks the code used if it is still unused, has fewer than `maxFailedAttempts` wrong tries and
   * has not expired at `now`. Returns false when another caller got there first.
   */
  consume(id: number, maxFailedAttempts: number, now: Date): Promise<boolean>;
  /** Removes a code whose message could not be sent, so it does not count against the limits. */
  delete(id: number): Promise<void>;
  /**
   * Removes the codes sent strictly before `before`, whatever their state: rows no rule looks at
   * any more once `before` is older than every window the limits count. Returns how many.
   */
  deleteSentBefore(before: Date): Promise<number>;
}
