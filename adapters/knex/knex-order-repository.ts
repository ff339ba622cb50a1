import type { Knex } from 'knex';
import {
  ItemStatus,
  type Move,
  OrderNoTaken,
  OrderStatus,
  VerifyCodeTaken,
  type NewOrder,
  type Order,
  type OrderChanges,
  type OrderItem,
  type OrderRepository,
  type Scheduled,
} from '../../core/index.js';
import { claimCheck, claimReadCheck, DUE_FIRST, scheduledOf } from './knex-checks.js';
import {
  changeColumns,
  newOrderRow,
  orderFromRow,
  orderItemFromRow,
  type OrderItemRow,
  type OrderRow,
} from './order-row.js';
import { insertedId } from './inserted-id.js';
import { isUniqueViolation } from './unique-violation.js';

const NEWEST_FIRST = [
  { column: 'created_at', order: 'desc' },
  { column: 'id', order: 'desc' },
] as const;

/**
 * Orders in `orders` and their verification codes in `order_items`. Every move of a state is one
 * conditional UPDATE whose affected-row count decides, so racing callers cannot both win.
 */
export class KnexOrderRepository implements OrderRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async add(order: NewOrder): Promise<Order> {
    const row = newOrderRow(order);
    let ids: number[];
    try {
      ids = await this.db<OrderRow>('orders').insert(row);
    } catch (error) {
      if (isUniqueViolation(error, 'orders', 'order_no')) {
        throw new OrderNoTaken(`Order number ${order.orderNo} is taken`, { cause: error });
      }
      throw error;
    }
    return orderFromRow({ ...row, id: insertedId(ids, 'order') });
  }

  async findById(id: number): Promise<Order | null> {
    const row = await this.db<OrderRow>('orders').where({ id }).first();
    return row ? orderFromRow(row) : null;
  }

  async findByNo(orderNo: string): Promise<Order | null> {
    const row = await this.db<OrderRow>('orders').where({ order_no: orderNo }).first();
    return row ? orderFromRow(row) : null;
  }

  async listByUser(
    userId: number,
    status: OrderStatus | null,
    page: number,
    pageSize: number,
  ): Promise<{ total: number; orders: Order[] }> {
    const mine = () => {
      const query = this.db<OrderRow>('orders').where({ user_id: userId });
      return status === null ? query : query.andWhere({ status });
    };
    const [counted] = await mine().count({ n: '*' });
    const total = Number(counted?.n ?? 0);
    if (pageSize <= 0) return { total, orders: [] };
    const rows = await mine()
      .orderBy([...NEWEST_FIRST])
      .limit(pageSize)
      .offset(Math.max(0, (page - 1) * pageSize));
    return { total, orders: rows.map(orderFromRow) };
  }

  async countUnpaidOf(userId: number, createdFrom: Date): Promise<number> {
    const [counted] = await this.db<OrderRow>('orders')
      .where({ user_id: userId, status: OrderStatus.Unpaid })
      .andWhere('created_at', '>=', createdFrom.getTime())
      .count({ n: '*' });
    return Number(counted?.n ?? 0);
  }

  async transition(orderId: number, move: Move<OrderStatus>, changes: OrderChanges, now: Date): Promise<boolean> {
    if (move.from.length === 0) return false;
    const changed = await this.db<OrderRow>('orders')
      .where({ id: orderId })
      .whereIn('status', [...move.from])
      .update({ ...changeColumns(changes), status: move.to, updated_at: now.getTime() });
    return changed === 1;
  }

  async markPrepaid(orderId: number, at: Date, firstCheckAt: Date): Promise<void> {
    await this.db<OrderRow>('orders')
      .where({ id: orderId })
      .whereNull('prepaid_at')
      .update({ prepaid_at: at.getTime(), next_check_at: firstCheckAt.getTime(), updated_at: at.getTime() });
  }

  async findExpiredUnpaid(createdBefore: Date, now: Date, limit: number): Promise<Scheduled<Order>[]> {
    if (limit <= 0) return [];
    const rows = await this.db<OrderRow>('orders')
      .where({ status: OrderStatus.Unpaid })
      .andWhere('next_check_at', '<=', now.getTime())
      .andWhere('created_at', '<', createdBefore.getTime())
      .orderBy([...DUE_FIRST])
      .limit(limit);
    return rows.map(scheduled);
  }

  async findPrepaidToCheck(createdFrom: Date, now: Date, limit: number): Promise<Scheduled<Order>[]> {
    if (limit <= 0) return [];
    const rows = await this.db<OrderRow>('orders')
      .where({ status: OrderStatus.Unpaid })
      .andWhere('next_check_at', '<=', now.getTime())
      .andWhere('created_at', '>=', createdFrom.getTime())
      .whereNotNull('prepaid_at')
      .orderBy([...DUE_FIRST])
      .limit(limit);
    return rows.map(scheduled);
  }

  claimCheck(orderId: number, checks: number, nextCheckAt: Date, now: Date, dueBy = now): Promise<boolean> {
    return claimCheck(this.db, 'orders', orderId, checks, nextCheckAt, now, dueBy);
  }

  claimReadCheck(orderId: number, lastBefore: Date, now: Date): Promise<boolean> {
    return claimReadCheck(this.db, 'orders', orderId, lastBefore, now);
  }

  async addItem(orderId: number, verifyCode: string, now: Date): Promise<OrderItem> {
    const at = now.getTime();
    const row: Omit<OrderItemRow, 'id'> = {
      order_id: orderId,
      verify_code: verifyCode,
      status: ItemStatus.Unused,
      used_at: null,
      created_at: at,
      updated_at: at,
    };
    let ids: number[];
    try {
      ids = await this.db<OrderItemRow>('order_items').insert(row);
    } catch (error) {
      if (isUniqueViolation(error, 'order_items', 'verify_code')) {
        throw new VerifyCodeTaken('The verification code is taken', { cause: error });
      }
      throw error;
    }
    return orderItemFromRow({ ...row, id: insertedId(ids, 'order item') });
  }

  /** One query for all the orders; each requested order is in the map, its items by id. */
  async itemsOf(orderIds: readonly number[]): Promise<Map<number, OrderItem[]>> {
    const items = new Map<number, OrderItem[]>(orderIds.map((id) => [id, []]));
    if (items.size === 0) return items;
    const rows = await this.db<OrderItemRow>('order_items')
      .whereIn('order_id', [...items.keys()])
      .orderBy([
        { column: 'order_id', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    for (const row of rows) items.get(Number(row.order_id))?.push(orderItemFromRow(row));
    return items;
  }

  async findItemByCode(verifyCode: string): Promise<OrderItem | null> {
    const row = await this.db<OrderItemRow>('order_items').where({ verify_code: verifyCode }).first();
    return row ? orderItemFromRow(row) : null;
  }

  async moveItems(orderId: number, move: Move<ItemStatus>, now: Date, itemId?: number): Promise<number> {
    const at = now.getTime();
    const query = this.db<OrderItemRow>('order_items').where({ order_id: orderId }).whereIn('status', [...move.from]);
    if (itemId !== undefined) query.andWhere({ id: itemId });
    return query.update({ status: move.to, updated_at: at, ...(move.to === ItemStatus.Used ? { used_at: at } : {}) });
  }
}

function scheduled(row: OrderRow): Scheduled<Order> {
  return scheduledOf(orderFromRow(row), row);
}
