import type { Knex } from 'knex';
import {
  type Move,
  type NewRefund,
  type Refund,
  RefundAttemptTaken,
  type RefundRepository,
  RefundStatus,
  type Scheduled,
} from '../../core/index.js';
import { claimCheck, claimReadCheck, type CheckColumns, DUE_FIRST, scheduledOf } from './knex-checks.js';
import { insertedId } from './inserted-id.js';
import { isUniqueViolation } from './unique-violation.js';

interface RefundRow extends CheckColumns {
  id: number;
  order_id: number;
  order_no: string;
  oper_id: number;
  attempt: number;
  out_refund_no: string;
  amount: number;
  refund_id: string | null;
  status: number;
  created_at: number;
  updated_at: number;
}

function refundFromRow(row: RefundRow): Refund {
  return {
    id: Number(row.id),
    orderId: Number(row.order_id),
    orderNo: row.order_no,
    operId: Number(row.oper_id),
    attempt: Number(row.attempt),
    outRefundNo: row.out_refund_no,
    amount: Number(row.amount),
    refundId: row.refund_id,
    status: Number(row.status) as RefundStatus,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** The (order_id, attempt) key refused a second row: SQLite names both columns, MySQL the key. */
function isAttemptTaken(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, sqlMessage } = error as Error & { code?: unknown; sqlMessage?: unknown };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return error.message.endsWith('UNIQUE constraint failed: refunds.order_id, refunds.attempt');
  return code === 'ER_DUP_ENTRY' && typeof sqlMessage === 'string' && sqlMessage.includes('refunds_order_attempt_unique');
}

const NEWEST_FIRST = [{ column: 'attempt', order: 'desc' }] as const;

/** Refund attempts in `refunds`: unique per (order_id, attempt) and per `out_refund_no`. */
export class KnexRefundRepository implements RefundRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async findById(id: number): Promise<Refund | null> {
    const row = await this.db<RefundRow>('refunds').where({ id }).first();
    return row ? refundFromRow(row) : null;
  }

  async findByOutRefundNo(outRefundNo: string): Promise<Refund | null> {
    const row = await this.db<RefundRow>('refunds').where({ out_refund_no: outRefundNo }).first();
    return row ? refundFromRow(row) : null;
  }

  async latestOf(orderId: number): Promise<Refund | null> {
    const row = await this.db<RefundRow>('refunds').where({ order_id: orderId }).orderBy([...NEWEST_FIRST]).first();
    return row ? refundFromRow(row) : null;
  }

  async listOf(orderId: number): Promise<Refund[]> {
    const rows = await this.db<RefundRow>('refunds').where({ order_id: orderId }).orderBy([...NEWEST_FIRST]);
    return rows.map(refundFromRow);
  }

  async add(refund: NewRefund, firstCheckAt: Date): Promise<Refund> {
    const at = refund.createdAt.getTime();
    const row: Omit<RefundRow, 'id'> = {
      order_id: refund.orderId,
      order_no: refund.orderNo,
      oper_id: refund.operId,
      attempt: refund.attempt,
      out_refund_no: refund.outRefundNo,
      amount: refund.amount,
      refund_id: null,
      status: RefundStatus.Processing,
      created_at: at,
      updated_at: at,
      check_count: 0,
      next_check_at: firstCheckAt.getTime(),
      checked_at: null,
    };
    let ids: number[];
    try {
      ids = await this.db<RefundRow>('refunds').insert(row);
    } catch (error) {
      if (isUniqueViolation(error, 'refunds', 'out_refund_no') || isAttemptTaken(error)) {
        throw new RefundAttemptTaken(`Refund attempt ${refund.attempt} (${refund.outRefundNo}) exists`, { cause: error });
      }
      throw error;
    }
    return refundFromRow({ ...row, id: insertedId(ids, 'refund') });
  }

  async transition(id: number, move: Move<RefundStatus>, now: Date): Promise<boolean> {
    const changed = await this.db<RefundRow>('refunds')
      .where({ id })
      .whereIn('status', [...move.from])
      .update({ status: move.to, updated_at: now.getTime() });
    return changed === 1;
  }

  async recordRefundId(id: number, refundId: string, now: Date): Promise<void> {
    await this.db<RefundRow>('refunds')
      .where({ id, status: RefundStatus.Processing })
      .whereNull('refund_id')
      .update({ refund_id: refundId, updated_at: now.getTime() });
  }

  async findProcessingToCheck(now: Date, limit: number): Promise<Scheduled<Refund>[]> {
    if (limit <= 0) return [];
    const rows = await this.db<RefundRow>('refunds')
      .where({ status: RefundStatus.Processing })
      .andWhere('next_check_at', '<=', now.getTime())
      .orderBy([...DUE_FIRST])
      .limit(limit);
    return rows.map((row) => scheduledOf(refundFromRow(row), row));
  }

  claimCheck(id: number, checks: number, nextCheckAt: Date, now: Date, dueBy = now): Promise<boolean> {
    return claimCheck(this.db, 'refunds', id, checks, nextCheckAt, now, dueBy);
  }

  claimReadCheck(id: number, lastBefore: Date, now: Date): Promise<boolean> {
    return claimReadCheck(this.db, 'refunds', id, lastBefore, now);
  }
}
