import type { Scheduled } from '../../core/index.js';
import type { CheckRecord } from './in-memory-tables.js';

/** Due records (next check at or before `now`), soonest due first, at most `limit`. */
export function dueFirst<R extends CheckRecord & { readonly id: number }, T>(
  records: Iterable<R>,
  now: Date,
  limit: number,
  view: (record: R) => T,
): Scheduled<T>[] {
  return [...records]
    .filter((record) => record.nextCheckAt.getTime() <= now.getTime())
    .sort((a, b) => a.nextCheckAt.getTime() - b.nextCheckAt.getTime() || a.id - b.id)
    .slice(0, Math.max(0, limit))
    .map((record) => ({ subject: view(record), checks: record.checks, lastCheckedAt: record.checkedAt && new Date(record.checkedAt) }));
}

/**
 * Claims the next check of the record `id` of `table`: only if it is due at `dueBy` (by default
 * `now`) and `checks` checks were made (as the knex adapter's conditional UPDATE). Returns whether
 * it was claimed.
 */
export function claimCheck<R extends CheckRecord>(table: Map<number, R>, id: number, checks: number, nextCheckAt: Date, now: Date, dueBy = now): boolean {
  const record = table.get(id);
  if (!record || record.checks !== checks || record.nextCheckAt.getTime() > dueBy.getTime()) return false;
  table.set(id, { ...record, checks: checks + 1, nextCheckAt: new Date(nextCheckAt), checkedAt: new Date(now) });
  return true;
}

/** Claims a read check of the record `id`: only if its last check was before `lastBefore` (or none). */
export function claimReadCheck<R extends CheckRecord>(table: Map<number, R>, id: number, lastBefore: Date, now: Date): boolean {
  const record = table.get(id);
  if (!record || (record.checkedAt !== null && record.checkedAt.getTime() >= lastBefore.getTime())) return false;
  table.set(id, { ...record, checkedAt: new Date(now) });
  return true;
}
