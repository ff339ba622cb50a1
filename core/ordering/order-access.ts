import type { User } from '../identity/user.js';
import { DomainError } from '../shared/domain-error.js';
import type { OrderRepository } from './order-repository.js';
import { type Order, isOwnedBy } from './order.js';

/** The user's own order, or 50001: another user's order is never revealed, not even as forbidden. */
export async function ownOrder(orders: OrderRepository, user: User, orderNo: string): Promise<Order> {
  const order = await orders.findByNo(orderNo);
  if (!order || !isOwnedBy(order, user.id)) throw new DomainError(50001);
  return order;
}
