import { type Caller, requireUser } from '../identity/caller.js';
import type { User } from '../identity/user.js';
import { DomainError } from '../shared/domain-error.js';
import type { OrderRepository } from './order-repository.js';
import type { Order } from './order.js';

/** The user's own order, or 50001: another user's order is never revealed, not even as forbidden. */
export async function ownOrder(orders: Pick<OrderRepository, 'findByNo'>, user: User, orderNo: string): Promise<Order> {
  const order = await orders.findByNo(orderNo);
  if (!order || order.userId !== user.id) throw new DomainError(50001);
  return order;
}

/** Whether the caller's token holds a grant (from a scene login) on the order. */
export function isGranted(caller: Caller, orderNo: string): boolean {
  return caller.grantedOrderNos?.includes(orderNo) ?? false;
}

/**
 * The order a caller may see and pay: its user's own, or one a scene login granted its token.
 * Without a grant on it, the caller needs a user (10003) who owns it (50001).
 */
export async function payableByCaller(orders: Pick<OrderRepository, 'findByNo'>, caller: Caller, orderNo: string): Promise<Order> {
  if (!isGranted(caller, orderNo)) return ownOrder(orders, requireUser(caller), orderNo);
  const order = await orders.findByNo(orderNo);
  if (!order) throw new DomainError(50001);
  return order;
}
