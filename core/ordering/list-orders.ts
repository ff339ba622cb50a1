import { type Caller, requireUser } from '../identity/caller.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories } from '../repositories.js';
import type { Clock } from '../shared/clock.js';
import { isOwnOrder, payableByCaller } from './order-access.js';
import type { OrderStatus } from './order-status.js';
import type { Order, OrderItem, Refund } from './order.js';
import type { ReadChecks } from './read-checks.js';

export interface OrderWithItems {
  readonly order: Order;
  /** The verification codes; empty before payment. */
  readonly items: readonly OrderItem[];
}

export interface OrderDetail extends OrderWithItems {
  /** The refund attempts, newest first. */
  readonly refunds: readonly Refund[];
}

/** `/orders`: the caller's own orders, newest first, with their codes. */
export class ListOrders {
  constructor(private readonly ports: Pick<Repositories, 'orders'>) {}

  async execute(input: { caller: Caller; status: OrderStatus | null; page: number; pageSize: number }): Promise<{ total: number; list: OrderWithItems[] }> {
    const user = requireUser(input.caller);
    const { total, orders } = await this.ports.orders.listByUser(user.id, input.status, input.page, input.pageSize);
    const items = await this.ports.orders.itemsOf(orders.map((o) => o.id));
    return { total, list: orders.map((order) => ({ order, items: items.get(order.id) ?? [] })) };
  }
}

/**
 * `/order/detail`: one of the caller's own orders (50001 otherwise), with its codes and refund
 * attempts; or an order a scene login granted the caller's token, without them: the codes stay the
 * owner's. An unpaid order with a prepay and a processing refund are first asked about at WeChat
 * Pay (at most every 5 s per order), so a lost notification shows here; if WeChat Pay cannot be
 * reached the order is shown as stored (the adapter logged the failure).
 */
export class GetOrderDetail {
  constructor(
    private readonly ports: Pick<Repositories, 'orders' | 'refunds' | 'orderGrants'>,
    private readonly checks: ReadChecks,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<OrderDetail> {
    let order = await payableByCaller(this.ports, caller, orderNo, this.clock.now());
    try {
      order = await this.checks.payment(order);
      await this.checks.refund(order);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 70012)) throw error;
    }
    const stored = (await this.ports.orders.findById(order.id)) ?? order;
    if (!isOwnOrder(stored, caller)) return { order: stored, items: [], refunds: [] };
    const items = await this.ports.orders.itemsOf([order.id]);
    return { order: stored, items: items.get(order.id) ?? [], refunds: await this.ports.refunds.listOf(order.id) };
  }
}
