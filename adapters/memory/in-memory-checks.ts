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
    .map((record) => ({ subject: view(record), checks: record.checks }));
}

/** The record with its next check claimed, or null when it is not due or was checked meanwhile. */
export function claimed<R extends CheckRecord>(record: R | undefined, checks: number, nextCheckAt: Date, now: Date): R | null {
  if (!record || record.checks !== checks || record.nextCheckAt.getTime() > now.getTime()) return null;
  return { ...record, checks: checks + 1, nextCheckAt: new Date(nextCheckAt), checkedAt: new Date(now) };
}

/** The record with a read check claimed, or null when the last check was not before `lastBefore`. */
export function readClaimed<R extends CheckRecord>(record: R | undefined, lastBefore: Date, now: Date): R | null {
  if (!record || (record.checkedAt !== null && record.checkedAt.getTime() >= lastBefore.getTime())) return null;
  return { ...record, checkedAt: new Date(now) };
}
