import type { Random } from '../shared/random.js';

const OFFSET_MS = 8 * 3600_000;

/**
 * A new order number: the Asia/Shanghai time to the second (14 digits) and 10 random digits,
 * 24 digits in all, within WeChat Pay's 32 characters. Unique by the database's constraint; a
 * collision draws again.
 */
export function newOrderNo(now: Date, random: Random): string {
  const stamp = new Date(now.getTime() + OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${random.digits(10)}`;
}

/** The refund number of an order: stable, so that a retried refund is the same refund at WeChat Pay. */
export function outRefundNoOf(orderNo: string): string {
  return `${orderNo}R`;
}

/** Verification codes are 12 digits. */
export const VERIFY_CODE_LENGTH = 12;

/** Order numbers are digit strings of at most 32 characters. */
export const ORDER_NO_PATTERN = /^\d{1,32}$/;
