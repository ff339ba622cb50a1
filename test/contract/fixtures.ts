import type { NewVerifyCode } from '../../core/index.js';
import type { OperToAdd } from './repository-context.js';

/** A fixed instant, so that tests compare exact times. */
export const T0 = new Date('2025-03-01T08:00:00.123Z');

/** `T0` plus `ms` milliseconds. */
export function after(ms: number, from: Date = T0): Date {
  return new Date(from.getTime() + ms);
}

export const MINUTE = 60_000;
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** A distinct mobile number per `n`. */
export function mobileNumber(n: number): string {
  return `138${String(n).padStart(8, '0')}`;
}

/** A 64-character hex string per `n`, shaped like a SHA-256 token hash. */
export function tokenHash(n: number): string {
  return n.toString(16).padStart(64, 'a');
}

/** `count` copies of `make(i)` run at once, to race each other. */
export function inParallel<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => make(i)));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An oper with a full WeChat Pay configuration; its appid derives from `n`. */
export function operWithPay(n: number, overrides: Partial<OperToAdd> = {}): OperToAdd {
  return {
    name: `运营中心${n}号 🏙`,
    status: 1,
    miniProgram: { appid: `wx${String(n).padStart(16, '0')}`, sealedSecret: `sealed-secret-${n}` },
    pay: {
      mchid: `19000000${n}`,
      merchantSerial: `SERIAL${n}ABCDEF`,
      sealedPrivateKey: `sealed-private-key-${n}\n-----END-----`,
      sealedApiV3Key: `sealed-v3-key-${n}`,
      platformPublicKey: `-----BEGIN PUBLIC KEY-----\nMIIB${n}\n-----END PUBLIC KEY-----\n`,
      platformSerial: `PUB_KEY_ID_0${n}`,
    },
    ...overrides,
  };
}

/** The same oper without WeChat Pay. */
export function operWithoutPay(n: number, overrides: Partial<OperToAdd> = {}): OperToAdd {
  return operWithPay(n, { pay: null, ...overrides });
}

/** An SMS code to mobile 1, sent at `sentAt` and valid five minutes. */
export function newCode(sentAt: Date, overrides: Partial<NewVerifyCode> = {}): NewVerifyCode {
  return {
    mobile: mobileNumber(1),
    codeHash: 'c'.repeat(64),
    ip: '203.0.113.7',
    requester: tokenHash(1),
    sentAt,
    expiresAt: after(5 * MINUTE, sentAt),
    ...overrides,
  };
}
