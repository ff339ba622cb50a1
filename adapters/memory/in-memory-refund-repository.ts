import { RefundStatus, type NewRefund, type Refund, type RefundRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, type InMemoryTables } from './in-memory-tables.js';

function find(tables: InMemoryTables, matches: (refund: Refund) => boolean): Refund | undefined {
  for (const refund of tables.refunds.values()) if (matches(refund)) return refund;
  return undefined;
}

/** Refunds over the store: one per order, each `outRefundNo` once, of existing orders. */
export class InMemoryRefundRepository implements RefundRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  findByOrder(orderId: number): Promise<Refund | null> {
    return this.access.use((tables) => copyOf(find(tables, (refund) => refund.orderId === orderId) ?? null));
  }

  findByOutRefundNo(outRefundNo: string): Promise<Refund | null> {
    return this.access.use((tables) => copyOf(find(tables, (refund) => refund.outRefundNo === outRefundNo) ?? null));
  }

  /** Rejects, writing nothing, when `outRefundNo` is another order's or the order does not exist. */
  findOrCreate(refund: NewRefund): Promise<Refund> {
    return this.access.use((tables) => {
      const existing = find(tables, ({ orderId }) => orderId === refund.orderId);
      if (existing) return copyOf(existing);
      if (find(tables, ({ outRefundNo }) => outRefundNo === refund.outRefundNo)) {
        throw new Error(`Refund number ${refund.outRefundNo} belongs to the refund of another order`);
      }
      if (!tables.orders.has(refund.orderId)) throw new Error(`Cannot refund order ${refund.orderId}: no such order`);
      const record: Refund = {
        id: ++tables.lastIds.refunds,
        orderId: refund.orderId,
        orderNo: refund.orderNo,
        operId: refund.operId,
        outRefundNo: refund.outRefundNo,
        amount: refund.amount,
        refundId: null,
        status: RefundStatus.Processing,
        createdAt: new Date(refund.createdAt),
        updatedAt: new Date(refund.createdAt),
      };
      tables.refunds.set(record.id, record);
      return copyOf(record);
    });
  }

  /** Only while processing; status 1 keeps it processing. A null `refundId` keeps the one recorded. */
  settle(id: number, refundId: string | null, status: RefundStatus, now: Date): Promise<boolean> {
    return this.access.use(({ refunds }) => {
      const record = refunds.get(id);
      if (!record || record.status !== RefundStatus.Processing) return false;
      refunds.set(id, { ...record, refundId: refundId ?? record.refundId, status, updatedAt: new Date(now) });
      return true;
    });
  }
}
