import type { Knex } from 'knex';
import {
  type NewPurchaseNotice,
  NoticeStatus,
  type PurchaseNotice,
  type PurchaseNoticeRepository,
} from '../../core/index.js';
import { isUniqueViolation } from './unique-violation.js';

interface PurchaseNoticeRow {
  id: number;
  order_id: number;
  order_no: string;
  mobile: string;
  status: number;
  attempts: number;
  sent_parts: number;
  next_attempt_at: number;
  claim_token: string | null;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
}

const TABLE = 'purchase_notices';
const MAX_ERROR = 100;

function noticeFromRow(row: PurchaseNoticeRow): PurchaseNotice {
  return {
    id: Number(row.id),
    orderId: Number(row.order_id),
    orderNo: row.order_no,
    mobile: row.mobile,
    status: Number(row.status) as NoticeStatus,
    attempts: Number(row.attempts),
    sentParts: Number(row.sent_parts),
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    lastError: row.last_error,
    createdAt: new Date(Number(row.created_at)),
    sentAt: row.sent_at === null ? null : new Date(Number(row.sent_at)),
  };
}

/** Purchase notices in `purchase_notices`; every change after the insert is an `UPDATE … WHERE` on the claim. */
export class KnexPurchaseNoticeRepository implements PurchaseNoticeRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async add(notice: NewPurchaseNotice): Promise<boolean> {
    const at = notice.createdAt.getTime();
    try {
      await this.db<PurchaseNoticeRow>(TABLE).insert({
        order_id: notice.orderId,
        order_no: notice.orderNo,
        mobile: notice.mobile,
        status: NoticeStatus.Pending,
        attempts: 0,
        sent_parts: 0,
        next_attempt_at: at,
        created_at: at,
        updated_at: at,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error, TABLE, 'order_id')) return false;
      throw error;
    }
  }

  async findByOrder(orderId: number): Promise<PurchaseNotice | null> {
    const row = await this.db<PurchaseNoticeRow>(TABLE).where({ order_id: orderId }).first();
    return row ? noticeFromRow(row) : null;
  }

  async findDue(now: Date, limit: number): Promise<PurchaseNotice[]> {
    const rows = await this.db<PurchaseNoticeRow>(TABLE)
      .where({ status: NoticeStatus.Pending })
      .andWhere('next_attempt_at', '<=', now.getTime())
      .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(noticeFromRow);
  }

  async claim(id: number, attempts: number, token: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const changed = await this.db<PurchaseNoticeRow>(TABLE)
      .where({ id, status: NoticeStatus.Pending, attempts })
      .andWhere('next_attempt_at', '<=', now.getTime())
      .update({ attempts: attempts + 1, claim_token: token, next_attempt_at: leaseUntil.getTime(), updated_at: now.getTime() });
    return changed > 0;
  }

  async recordProgress(id: number, token: string, sentParts: number, now: Date): Promise<boolean> {
    return this.updateClaimed(id, token, { sent_parts: sentParts, updated_at: now.getTime() });
  }

  async markSent(id: number, token: string, now: Date): Promise<boolean> {
    const at = now.getTime();
    return this.updateClaimed(id, token, { status: NoticeStatus.Sent, claim_token: null, last_error: null, sent_at: at, updated_at: at });
  }

  async markAttemptFailed(id: number, token: string, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
    return this.updateClaimed(id, token, {
      status: retryAt ? NoticeStatus.Pending : NoticeStatus.Failed,
      claim_token: null,
      last_error: error.slice(0, MAX_ERROR),
      ...(retryAt ? { next_attempt_at: retryAt.getTime() } : {}),
      updated_at: now.getTime(),
    });
  }

  private async updateClaimed(id: number, token: string, changes: Partial<PurchaseNoticeRow>): Promise<boolean> {
    const changed = await this.db<PurchaseNoticeRow>(TABLE)
      .where({ id, status: NoticeStatus.Pending, claim_token: token })
      .update(changes);
    return changed > 0;
  }
}
