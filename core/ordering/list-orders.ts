import { type Caller, requireUser } from '../identity/caller.js';
import type { Repositories } from '../shared/repositories.js';
import type { Clock } from '../shared/clock.js';
import { isOwnOrder, payableByCaller } from './order-access.js';
import type { OrderStatus } from './order-status.js';
import type { Order, OrderItem } from './order.js';

export interface OrderWithItems {
  readonly order: Order;
  /** The verification codes; empty before payment. */
  readonly items: readonly OrderItem[];
}

/** `/orders`: the caller's own orders, newest first, with their codes. */
export class ListOrders {
  constructor(private readonly repositories: Repositories) {}

  async execute(input: { caller: Caller; status: OrderStatus | null; page: number; pageSize: number }): Promise<{ total: number; list: OrderWithItems[] }> {
    const user = requireUser(input.caller);
    const { total, orders } = await this.repositories.orders.listByUser(user.id, input.status, input.page, input.pageSize);
    const items = await this.repositories.orders.itemsOf(orders.map((o) => o.id));
    return { total, list: orders.map((order) => ({ order, items: items.get(order.id) ?? [] })) };
  }
}

/**
 * `/order/detail`: one of the caller's own orders (50001 otherwise), with its codes; or an order a
 * scene login granted the caller's token, without them: the codes stay the owner's.
 */
export class GetOrderDetail {
  constructor(
    private readonly repositories: Repositories,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<OrderWithItems> {
    const order = await payableByCaller(this.repositories, caller, orderNo, this.clock.now());
    if (!isOwnOrder(order, caller)) return { order, items: [] };
    const items = await this.repositories.orders.itemsOf([order.id]);
    return { order, items: items.get(order.id) ?? [] };
  }
}
