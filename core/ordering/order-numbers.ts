import { invalidParameter } from '../shared/domain-error.js';
import type { Random } from '../shared/random.js';
import { formatShanghaiStamp } from '../shared/shanghai-time.js';

/**
 * An order number: a digit string of at most 32 characters (WeChat Pay's `out_trade_no` limit).
 * New ones are the Asia/Shanghai time to the second (14 digits) and 10 random digits, 24 digits
 * in all; unique by the database's constraint (a collision draws again).
 */
export class OrderNo {
  private constructor(readonly value: string) {}

  static readonly pattern = /^\d{1,32}$/;

  /** A number from a client: 10001 naming `parameter` unless it is 1-32 digits. */
  static parse(raw: string, parameter = 'order_no'): OrderNo {
    if (!OrderNo.pattern.test(raw)) throw invalidParameter(parameter, '须为1到32位数字');
    return new OrderNo(raw);
  }

  static next(now: Date, random: Random): OrderNo {
    return new OrderNo(`${formatShanghaiStamp(now)}${random.digits(10)}`);
  }

  /**
   * The `out_refund_no` of a refund attempt (1, 2, …): the same for every retry of one attempt, so
   * that WeChat Pay refunds it once; a new attempt after a failed one gets a new number.
   */
  refundNo(attempt: number): string {
    if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`a refund attempt is numbered from 1, not ${attempt}`);
    return `${this.value}R${attempt}`;
  }

  toString(): string {
    return this.value;
  }
}

/** Verification codes are 12 digits. */
export const VERIFY_CODE_LENGTH = 12;

