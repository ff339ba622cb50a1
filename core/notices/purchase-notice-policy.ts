/** How purchase notices are sent and retried. */
export interface PurchaseNoticePolicy {
  /** The provider's limit on one template parameter, in characters (at least 12). */
  readonly maxParamLength: number;
  /** The delay before the first retry; each further retry waits twice as long, up to `maxRetryDelayMs`. */
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  /** Attempts after which a notice is given up (failed, for a person to look at). */
  readonly maxAttempts: number;
  /** How long a claimed attempt may run before another instance may take the notice over. */
  readonly leaseMs: number;
  /** Notices taken per run of the job. */
  readonly batchSize: number;
}

/**
 * Tencent's limit of 12 characters per template variable (accounts without an enterprise
 * exemption); retries from 30 s doubling up to an hour, given up after 12 attempts (about 5 hours).
 */
export const defaultPurchaseNoticePolicy: PurchaseNoticePolicy = {
  maxParamLength: 12,
  retryDelayMs: 30_000,
  maxRetryDelayMs: 3600_000,
  maxAttempts: 12,
  leaseMs: 10 * 60_000,
  batchSize: 20,
};

/** When attempt `attempts` (1 for the first) having failed, the next may begin; null: give up. */
export function nextAttemptAt(policy: PurchaseNoticePolicy, attempts: number, now: Date): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.retryDelayMs * 2 ** (attempts - 1), policy.maxRetryDelayMs);
  return new Date(now.getTime() + delay);
}
