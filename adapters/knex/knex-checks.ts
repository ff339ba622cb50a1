import type { Knex } from 'knex';
import type { Scheduled } from '../../core/index.js';

/** The check-schedule columns shared by `orders` and `refunds` (see CHECK_SCHEDULE in core). */
export interface CheckColumns {
  check_count: number;
  next_check_at: number;
  checked_at: number | null;
}

/**
 * `UPDATE <table> … WHERE id = ? AND check_count = ? AND next_check_at <= dueBy` (by default
 * `now`): claims the next check of one row; of several claimants with the same `checks`, exactly
 * one changes the row.
 */
export async function claimCheck(db: Knex | Knex.Transaction, table: string, id: number, checks: number, nextCheckAt: Date, now: Date, dueBy = now): Promise<boolean> {
  const changed = await db(table)
    .where({ id, check_count: checks })
    .andWhere('next_check_at', '<=', dueBy.getTime())
    .update({ check_count: checks + 1, next_check_at: nextCheckAt.getTime(), checked_at: now.getTime() });
  return changed === 1;
}

/** `UPDATE … SET checked_at = now WHERE id = ? AND (checked_at IS NULL OR checked_at < lastBefore)`. */
export async function claimReadCheck(db: Knex | Knex.Transaction, table: string, id: number, lastBefore: Date, now: Date): Promise<boolean> {
  const changed = await db(table)
    .where({ id })
    .andWhere((q) => q.whereNull('checked_at').orWhere('checked_at', '<', lastBefore.getTime()))
    .update({ checked_at: now.getTime() });
  return changed === 1;
}

/** Soonest due first, then by id. */
export const DUE_FIRST = [
  { column: 'next_check_at', order: 'asc' },
  { column: 'id', order: 'asc' },
] as const;

/** `subject` with its place in the schedule, read from its row. */
export function scheduledOf<T>(subject: T, row: Pick<CheckColumns, 'check_count' | 'checked_at'>): Scheduled<T> {
  return { subject, checks: Number(row.check_count), lastCheckedAt: row.checked_at === null ? null : new Date(Number(row.checked_at)) };
}
