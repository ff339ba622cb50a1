import {
  type NewPurchaseNotice,
  NoticeStatus,
  type PurchaseNotice,
  type PurchaseNoticeRepository,
} from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, type PurchaseNoticeRecord } from './in-memory-tables.js';

const MAX_ERROR = 100;

/** Purchase notices in a map by id; the same conditional writes as the knex adapter. */
export class InMemoryPurchaseNoticeRepository implements PurchaseNoticeRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  add(notice: NewPurchaseNotice): Promise<boolean> {
    return this.access.use(({ purchaseNotices, lastIds }) => {
      for (const record of purchaseNotices.values()) if (record.orderId === notice.orderId) return false;
      const id = ++lastIds.purchaseNotices;
      purchaseNotices.set(id, {
        id,
        orderId: notice.orderId,
        orderNo: notice.orderNo,
        mobile: notice.mobile,
        status: NoticeStatus.Pending,
        attempts: 0,
        sentParts: 0,
        nextAttemptAt: new Date(notice.createdAt),
        lastError: null,
        createdAt: new Date(notice.createdAt),
        sentAt: null,
        claimToken: null,
      });
      return true;
    });
  }

  findByOrder(orderId: number): Promise<PurchaseNotice | null> {
    return this.access.use(({ purchaseNotices }) => {
      for (const record of purchaseNotices.values()) if (record.orderId === orderId) return noticeOf(record);
      return null;
    });
  }

  findDue(now: Date, limit: number): Promise<PurchaseNotice[]> {
    return this.access.use(({ purchaseNotices }) =>
      [...purchaseNotices.values()]
        .filter((record) => record.status === NoticeStatus.Pending && record.nextAttemptAt.getTime() <= now.getTime())
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id)
        .slice(0, limit)
        .map(noticeOf),
    );
  }

  claim(id: number, attempts: number, token: string, now: Date, leaseUntil: Date): Promise<boolean> {
    return this.access.use(({ purchaseNotices }) => {
      const record = purchaseNotices.get(id);
      if (!record || record.status !== NoticeStatus.Pending || record.attempts !== attempts) return false;
      if (record.nextAttemptAt.getTime() > now.getTime()) return false;
      purchaseNotices.set(id, { ...record, attempts: attempts + 1, claimToken: token, nextAttemptAt: new Date(leaseUntil) });
      return true;
    });
  }

  recordProgress(id: number, token: string, sentParts: number): Promise<boolean> {
    return this.updateClaimed(id, token, (record) => ({ ...record, sentParts }));
  }

  markSent(id: number, token: string, now: Date): Promise<boolean> {
    return this.updateClaimed(id, token, (record) => ({
      ...record,
      status: NoticeStatus.Sent,
      claimToken: null,
      lastError: null,
      sentAt: new Date(now),
    }));
  }

  markAttemptFailed(id: number, token: string, error: string, retryAt: Date | null): Promise<boolean> {
    return this.updateClaimed(id, token, (record) => ({
      ...record,
      status: retryAt ? NoticeStatus.Pending : NoticeStatus.Failed,
      claimToken: null,
      lastError: error.slice(0, MAX_ERROR),
      nextAttemptAt: retryAt ? new Date(retryAt) : record.nextAttemptAt,
    }));
  }

  private updateClaimed(id: number, token: string, change: (record: PurchaseNoticeRecord) => PurchaseNoticeRecord): Promise<boolean> {
    return this.access.use(({ purchaseNotices }) => {
      const record = purchaseNotices.get(id);
      if (!record || record.status !== NoticeStatus.Pending || record.claimToken !== token) return false;
      purchaseNotices.set(id, change(record));
      return true;
    });
  }
}

function noticeOf(record: PurchaseNoticeRecord): PurchaseNotice {
  const { claimToken: _claim, ...notice } = record;
  return copyOf(notice);
}
