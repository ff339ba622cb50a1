import {
  type Move,
  type NewRefund,
  type Refund,
  RefundAttemptTaken,
  type RefundRepository,
  RefundStatus,
  type Scheduled,
} from '../../core/index.js';
import { claimCheck, claimReadCheck, dueFirst } from './in-memory-checks.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, type InMemoryTables, type RefundRecord } from './in-memory-tables.js';

function refundOf({ checks: _checks, nextCheckAt: _next, checkedAt: _checked, ...refund }: RefundRecord): Refund {
  return copyOf(refund);
}

function find(tables: InMemoryTables, matches: (refund: RefundRecord) => boolean): RefundRecord | undefined {
  for (const refund of tables.refunds.values()) if (matches(refund)) return refund;
  return undefined;
}

const newestFirst = (a: Refund, b: Refund) => b.attempt - a.attempt;

/** Refund attempts over the store: unique per (order, attempt) and per `outRefundNo`, of existing orders. */
export class InMemoryRefundRepository implements RefundRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  findById(id: number): Promise<Refund | null> {
    return this.access.use(({ refunds }) => {
      const record = refunds.get(id);
      return record ? refundOf(record) : null;
    });
  }

  findByOutRefundNo(outRefundNo: string): Promise<Refund | null> {
    return this.access.use((tables) => {
      const record = find(tables, (refund) => refund.outRefundNo === outRefundNo);
      return record ? refundOf(record) : null;
    });
  }

  latestOf(orderId: number): Promise<Refund | null> {
    return this.access.use(({ refunds }) => {
      const latest = [...refunds.values()].filter((r) => r.orderId === orderId).sort(newestFirst)[0];
      return latest ? refundOf(latest) : null;
    });
  }

  listOf(orderId: number): Promise<Refund[]> {
    return this.access.use(({ refunds }) => [...refunds.values()].filter((r) => r.orderId === orderId).sort(newestFirst).map(refundOf));
  }

  add(refund: NewRefund, firstCheckAt: Date): Promise<Refund> {
    return this.access.use((tables) => {
      if (!tables.orders.has(refund.orderId)) throw new Error(`Cannot refund order ${refund.orderId}: no such order`);
      const taken = find(tables, (r) => (r.orderId === refund.orderId && r.attempt === refund.attempt) || r.outRefundNo === refund.outRefundNo);
      if (taken) throw new RefundAttemptTaken(`Refund attempt ${refund.attempt} (${refund.outRefundNo}) exists`);
      const record: RefundRecord = {
        id: ++tables.lastIds.refunds,
        orderId: refund.orderId,
        orderNo: refund.orderNo,
        operId: refund.operId,
        attempt: refund.attempt,
        outRefundNo: refund.outRefundNo,
        amount: refund.amount,
        refundId: null,
        status: RefundStatus.Processing,
        createdAt: new Date(refund.createdAt),
        updatedAt: new Date(refund.createdAt),
        checks: 0,
        nextCheckAt: new Date(firstCheckAt),
        checkedAt: null,
      };
      tables.refunds.set(record.id, record);
      return refundOf(record);
    });
  }

  transition(id: number, move: Move<RefundStatus>, now: Date): Promise<boolean> {
    return this.access.use(({ refunds }) => {
      const record = refunds.get(id);
      if (!record || !move.from.includes(record.status)) return false;
      refunds.set(id, { ...record, status: move.to, updatedAt: new Date(now) });
      return true;
    });
  }

  recordRefundId(id: number, refundId: string, now: Date): Promise<void> {
    return this.access.use(({ refunds }) => {
      const record = refunds.get(id);
      if (!record || record.status !== RefundStatus.Processing || record.refundId !== null) return;
      refunds.set(id, { ...record, refundId, updatedAt: new Date(now) });
    });
  }

  findProcessingToCheck(now: Date, limit: number): Promise<Scheduled<Refund>[]> {
    return this.access.use(({ refunds }) =>
      dueFirst([...refunds.values()].filter((r) => r.status === RefundStatus.Processing), now, limit, refundOf),
    );
  }

  claimCheck(id: number, checks: number, nextCheckAt: Date, now: Date, dueBy = now): Promise<boolean> {
    return this.access.use(({ refunds }) => claimCheck(refunds, id, checks, nextCheckAt, now, dueBy));
  }

  claimReadCheck(id: number, lastBefore: Date, now: Date): Promise<boolean> {
    return this.access.use(({ refunds }) => claimReadCheck(refunds, id, lastBefore, now));
  }
}
