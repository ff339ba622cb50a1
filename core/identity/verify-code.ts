/** An SMS login code as sent to a mobile. */
export interface VerifyCode {
  readonly id: number;
  readonly mobile: string;
  /** The code's keyed digest (see `VerifyCodeDigest`); the code itself is never stored. */
  readonly codeHash: string;
  /** The client address that asked for it (for the per-IP cap). */
  readonly ip: string;
  /** The hash of the token that asked for it (for the per-token cap); null when none did. */
  readonly requester: string | null;
  readonly sentAt: Date;
  readonly expiresAt: Date;
  readonly failedAttempts: number;
  readonly consumedAt: Date | null;
}

export type NewVerifyCode = Omit<VerifyCode, 'id' | 'failedAttempts' | 'consumedAt'>;

/** The rules of SMS login codes; the limits are configuration. */
export interface VerifyCodePolicy {
  readonly length: number;
  readonly ttlMs: number;
  readonly maxFailedAttempts: number;
  readonly cooldownMs: number;
  readonly dailyPerMobile: number;
  readonly hourlyPerIp: number;
  /** Codes one token may ask for in an hour, whatever the mobiles: no token holder spends a victim's daily SMS. */
  readonly hourlyPerToken: number;
}

export const defaultVerifyCodePolicy: VerifyCodePolicy = {
  length: 6,
  ttlMs: 5 * 60_000,
  maxFailedAttempts: 5,
  cooldownMs: 60_000,
  dailyPerMobile: 10,
  hourlyPerIp: 30,
  hourlyPerToken: 5,
};

/** The lock that serialises sending and checking the SMS codes of one mobile. */
export function smsMobileLock(mobile: string): string {
  return `sms-mobile:${mobile}`;
}
