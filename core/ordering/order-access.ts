import { type Caller, requireUser } from '../identity/caller.js';
import type { OrderGrantRepository } from '../identity/order-grant-repository.js';
import type { User } from '../identity/user.js';
import { DomainError } from '../shared/domain-error.js';
import type { OrderRepository } from './order-repository.js';
import { type Order, isOwnedBy } from './order.js';

/** The user's own order, or 50001: another user's order is never revealed, not even as forbidden. */
export async function ownOrder(orders: Pick<OrderRepository, 'findByNo'>, user: User, orderNo: string): Promise<Order> {
  const order = await orders.findByNo(orderNo);
  if (!order || !isOwnedBy(order, user.id)) throw new DomainError(50001);
  return order;
}

/** What deciding who may see and pay an order reads. */
export interface OrderAccessPorts {
  readonly orders: Pick<OrderRepository, 'findByNo'>;
  readonly orderGrants: Pick<OrderGrantRepository, 'isGranted'>;
}

/** Whether the order is the caller's user's own (as opposed to reached through a grant). */
export function isOwnOrder(order: Order, caller: Caller): boolean {
  return caller.user !== null && isOwnedBy(order, caller.user.id);
}

/**
 * The order a caller may see and pay: its user's own, or one a scene login granted its token,
 * unexpired at `now`. The grant is looked up only when the order is not the caller's own.
 * Otherwise: 10003 for a caller without a user, 50001 for anyone else (the order stays unseen).
 */
export async function payableByCaller(ports: OrderAccessPorts, caller: Caller, orderNo: string, now: Date): Promise<Order> {
  const order = await ports.orders.findByNo(orderNo);
  if (order && isOwnOrder(order, caller)) return order;
  if (order && caller.tokenHash !== undefined && (await ports.orderGrants.isGranted(caller.tokenHash, orderNo, now))) return order;
  requireUser(caller);
  throw new DomainError(50001);
}
