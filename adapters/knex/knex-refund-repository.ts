import type { Knex } from 'knex';
import { RefundStatus, type NewRefund, type Refund, type RefundRepository } from '../../core/index.js';
import { currentRead } from './dialect.js';
import { isUniqueViolation } from './unique-violation.js';

interface RefundRow {
  id: number;
  order_id: number;
  order_no: string;
  oper_id: number;
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
    outRefundNo: row.out_refund_no,
    amount: Number(row.amount),
    refundId: row.refund_id,
    status: Number(row.status) as RefundStatus,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

function outRefundNoTaken(refund: NewRefund, cause?: unknown): Error {
  return new Error(`Refund number ${refund.outRefundNo} belongs to the refund of another order`, { cause });
}

/** Refunds in `refunds`: one per order (unique `order_id`), each `out_refund_no` once. */
export class KnexRefundRepository implements RefundRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async findByOrder(orderId: number): Promise<Refund | null> {
    const row = await this.db<RefundRow>('refunds').where({ order_id: orderId }).first();
    return row ? refundFromRow(row) : null;
  }

  async findByOutRefundNo(outRefundNo: string): Promise<Refund | null> {
    const row = await this.db<RefundRow>('refunds').where({ out_refund_no: outRefundNo }).first();
    return row ? refundFromRow(row) : null;
  }

  /**
   * Inserts unless the order has its refund (a no-op upsert: `order_id = order_id`, which leaves
   * whichever row conflicts as it was), then reads the order's refund. Rejects, writing nothing,
   * when `outRefundNo` is another order's.
   */
  async findOrCreate(refund: NewRefund): Promise<Refund> {
    const at = refund.createdAt.getTime();
    try {
      await this.db<RefundRow>('refunds')
        .insert({
          order_id: refund.orderId,
          order_no: refund.orderNo,
          oper_id: refund.operId,
          out_refund_no: refund.outRefundNo,
          amount: refund.amount,
          refund_id: null,
          status: RefundStatus.Processing,
          created_at: at,
          updated_at: at,
        })
        .onConflict('order_id')
        .merge({ order_id: this.db.raw('??', ['order_id']) });
    } catch (error) {
      // SQLite's upsert handles the conflict it names (order_id) only; MySQL's handles every key.
      if (isUniqueViolation(error, 'refunds', 'out_refund_no')) throw outRefundNoTaken(refund, error);
      throw error;
    }
    const row = await currentRead(this.db, this.db<RefundRow>('refunds').where({ order_id: refund.orderId }).first());
    if (!row) throw outRefundNoTaken(refund);
    return refundFromRow(row);
  }

  /**
   * `UPDATE … WHERE status = 1`: records the state (1 keeps it processing) and WeChat's id, keeping
   * the id recorded before when given null.
   */
  async settle(id: number, refundId: string | null, status: RefundStatus, now: Date): Promise<boolean> {
    const changed = await this.db<RefundRow>('refunds')
      .where({ id, status: RefundStatus.Processing })
      .update({ status, updated_at: now.getTime(), ...(refundId === null ? {} : { refund_id: refundId }) });
    return changed === 1;
  }
}
