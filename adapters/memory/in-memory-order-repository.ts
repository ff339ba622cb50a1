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
import { claimCheck, claimReadCheck, dueFirst } from './in-memory-checks.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf, type InMemoryTables, type OrderItemRecord, type OrderRecord } from './in-memory-tables.js';

function orderOf({ updatedAt: _updated, checks: _checks, nextCheckAt: _next, checkedAt: _checked, ...order }: OrderRecord): Order {
  return copyOf(order);
}

function itemOf({ createdAt: _created, updatedAt: _updated, ...item }: OrderItemRecord): OrderItem {
  return copyOf(item);
}

/** The fields of a new order, and nothing else the caller's object may carry. */
function newOrderRecord(id: number, order: NewOrder): OrderRecord {
  return {
    id,
    operId: order.operId,
    orderNo: order.orderNo,
    userId: order.userId,
    notifyMobile: order.notifyMobile,
    merchantId: order.merchantId,
    merchantName: order.merchantName,
    goodsId: order.goodsId,
    goodsName: order.goodsName,
    goodsPic: order.goodsPic,
    goodsThumbUrl: order.goodsThumbUrl,
    price: order.price,
    buyNumber: order.buyNumber,
    payPrice: order.payPrice,
    prepaidAt: null,
    payTime: null,
    transactionId: null,
    refundPrice: null,
    refundTime: null,
    status: OrderStatus.Unpaid,
    createdAt: new Date(order.createdAt),
    updatedAt: new Date(order.createdAt),
    checks: 0,
    nextCheckAt: new Date(order.createdAt),
    checkedAt: null,
  };
}

/** Only the changes given, as the knex adapter writes only those columns. */
function changed(record: OrderRecord, changes: OrderChanges): OrderRecord {
  return {
    ...record,
    ...(changes.payTime === undefined ? {} : { payTime: new Date(changes.payTime) }),
    ...(changes.transactionId === undefined ? {} : { transactionId: changes.transactionId }),
    ...(changes.refundPrice === undefined ? {} : { refundPrice: changes.refundPrice }),
    ...(changes.refundTime === undefined ? {} : { refundTime: changes.refundTime === null ? null : new Date(changes.refundTime) }),
  };
}

const newestFirst = (a: Order, b: Order) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;

function findByNo(tables: InMemoryTables, orderNo: string): OrderRecord | undefined {
  for (const record of tables.orders.values()) if (record.orderNo === orderNo) return record;
  return undefined;
}

/**
 * Orders and their codes over the store, with the database's keys: order numbers and codes
 * unique, orders of existing users, items of existing orders. Each operation runs whole, so the
 * conditional moves race as the knex adapter's UPDATEs do.
 */
export class InMemoryOrderRepository implements OrderRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  add(order: NewOrder): Promise<Order> {
    return this.access.use((tables) => {
      if (!tables.users.has(order.userId)) throw new Error(`Cannot add an order of user ${order.userId}: no such user`);
      if (findByNo(tables, order.orderNo)) throw new OrderNoTaken(`Order number ${order.orderNo} is taken`);
      const record = newOrderRecord(++tables.lastIds.orders, order);
      tables.orders.set(record.id, record);
      return orderOf(record);
    });
  }

  findById(id: number): Promise<Order | null> {
    return this.access.use(({ orders }) => {
      const record = orders.get(id);
      return record ? orderOf(record) : null;
    });
  }

  findByNo(orderNo: string): Promise<Order | null> {
    return this.access.use((tables) => {
      const record = findByNo(tables, orderNo);
      return record ? orderOf(record) : null;
    });
  }

  listByUser(userId: number, status: OrderStatus | null, page: number, pageSize: number): Promise<{ total: number; orders: Order[] }> {
    return this.access.use(({ orders }) => {
      const mine = [...orders.values()]
        .filter((order) => order.userId === userId && (status === null || order.status === status))
        .sort(newestFirst);
      const start = Math.max(0, (page - 1) * pageSize);
      return { total: mine.length, orders: mine.slice(start, start + Math.max(0, pageSize)).map(orderOf) };
    });
  }

  countUnpaidOf(userId: number, createdFrom: Date): Promise<number> {
    return this.access.use(({ orders }) =>
      [...orders.values()].filter((o) => o.userId === userId && o.status === OrderStatus.Unpaid && o.createdAt.getTime() >= createdFrom.getTime()).length,
    );
  }

  transition(orderId: number, move: Move<OrderStatus>, changes: OrderChanges, now: Date): Promise<boolean> {
    return this.access.use(({ orders }) => {
      const record = orders.get(orderId);
      if (!record || !move.from.includes(record.status)) return false;
      orders.set(orderId, { ...changed(record, changes), status: move.to, updatedAt: new Date(now) });
      return true;
    });
  }

  markPrepaid(orderId: number, at: Date, firstCheckAt: Date): Promise<void> {
    return this.access.use(({ orders }) => {
      const record = orders.get(orderId);
      if (!record || record.prepaidAt !== null) return;
      orders.set(orderId, { ...record, prepaidAt: new Date(at), nextCheckAt: new Date(firstCheckAt), updatedAt: new Date(at) });
    });
  }

  findExpiredUnpaid(createdBefore: Date, now: Date, limit: number): Promise<Scheduled<Order>[]> {
    return this.access.use(({ orders }) => {
      const expired = [...orders.values()].filter((o) => o.status === OrderStatus.Unpaid && o.createdAt.getTime() < createdBefore.getTime());
      return dueFirst(expired, now, limit, orderOf);
    });
  }

  findPrepaidToCheck(createdFrom: Date, now: Date, limit: number): Promise<Scheduled<Order>[]> {
    return this.access.use(({ orders }) => {
      const open = [...orders.values()].filter(
        (o) => o.status === OrderStatus.Unpaid && o.prepaidAt !== null && o.createdAt.getTime() >= createdFrom.getTime(),
      );
      return dueFirst(open, now, limit, orderOf);
    });
  }

  claimCheck(orderId: number, checks: number, nextCheckAt: Date, now: Date, dueBy = now): Promise<boolean> {
    return this.access.use(({ orders }) => claimCheck(orders, orderId, checks, nextCheckAt, now, dueBy));
  }

  claimReadCheck(orderId: number, lastBefore: Date, now: Date): Promise<boolean> {
    return this.access.use(({ orders }) => claimReadCheck(orders, orderId, lastBefore, now));
  }

  addItem(orderId: number, verifyCode: string, now: Date): Promise<OrderItem> {
    return this.access.use(({ orders, orderItems, lastIds }) => {
      if (!orders.has(orderId)) throw new Error(`Cannot add an item to order ${orderId}: no such order`);
      for (const item of orderItems.values()) {
        if (item.verifyCode === verifyCode) throw new VerifyCodeTaken('The verification code is taken');
      }
      const record: OrderItemRecord = {
        id: ++lastIds.orderItems,
        orderId,
        verifyCode,
        status: ItemStatus.Unused,
        usedAt: null,
        createdAt: new Date(now),
        updatedAt: new Date(now),
      };
      orderItems.set(record.id, record);
      return itemOf(record);
    });
  }

  itemsOf(orderIds: readonly number[]): Promise<Map<number, OrderItem[]>> {
    return this.access.use(({ orderItems }) => {
      const items = new Map<number, OrderItem[]>(orderIds.map((id) => [id, []]));
      const sorted = [...orderItems.values()].sort((a, b) => a.id - b.id);
      for (const record of sorted) items.get(record.orderId)?.push(itemOf(record));
      return items;
    });
  }

  findItemByCode(verifyCode: string): Promise<OrderItem | null> {
    return this.access.use(({ orderItems }) => {
      for (const record of orderItems.values()) if (record.verifyCode === verifyCode) return itemOf(record);
      return null;
    });
  }

  moveItems(orderId: number, move: Move<ItemStatus>, now: Date, itemId?: number): Promise<number> {
    return this.access.use(({ orderItems }) => {
      let moved = 0;
      for (const [id, record] of orderItems) {
        if (record.orderId !== orderId || !move.from.includes(record.status) || (itemId !== undefined && id !== itemId)) continue;
        const usedAt = move.to === ItemStatus.Used ? new Date(now) : record.usedAt;
        orderItems.set(id, { ...record, status: move.to, usedAt, updatedAt: new Date(now) });
        moved++;
      }
      return moved;
    });
  }
}
