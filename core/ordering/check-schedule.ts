/**
 * When WeChat Pay is asked again about an order or a refund whose outcome it has not told us
 * (WeChat asks merchants not to rely on notifications alone). Each order or refund carries the
 * number of checks made and the instant of the next one; a check is claimed by a conditional write
 * on both, so across instances each is checked by one at a time.
 */
export const CHECK_SCHEDULE = Object.freeze({
  /** The first check, after a prepay was asked or a refund created; then twice as long each time. */
  firstMs: 10_000,
  /** The longest wait between two checks of an unpaid order (never past its pay deadline). */
  maxOrderGapMs: 5 * 60_000,
  /** The longest wait between two checks of a processing refund. */
  maxRefundGapMs: 60 * 60_000,
  /** A refund still processing this long after it began is reported for a person to act on. */
  refundPatienceMs: 24 * 60 * 60_000,
  /** A user's own read queries WeChat Pay about one order at most this often. */
  readGapMs: 5_000,
});

/** The wait before the check after `checks` checks: the first gap, doubled each time, at most `maxMs`. */
export function checkGapMs(checks: number, maxMs: number): number {
  return Math.min(CHECK_SCHEDULE.firstMs * 2 ** Math.min(checks, 30), maxMs);
}

/** An order or refund with its place in the schedule. */
export interface Scheduled<T> {
  readonly subject: T;
  /** Checks made so far: the claim of the next one names it, so only one claimant wins. */
  readonly checks: number;
  /** When it was last checked (by a scheduled check or a read), if ever. */
  readonly lastCheckedAt: Date | null;
}
