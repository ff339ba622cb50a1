import { DomainError } from '../shared/domain-error.js';

/** Order states, as the seed numbers them. */
export const OrderStatus = { Unpaid: 1, Cancelled: 2, Closed: 3, Paid: 4, Refunded: 6, Completed: 7 } as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Verification-code (order item) states. */
export const ItemStatus = { Unused: 1, Used: 2, Refunded: 3 } as const;
export type ItemStatus = (typeof ItemStatus)[keyof typeof ItemStatus];

/** Refund states: 1 processing, 2 succeeded, 3 failed. */
export const RefundStatus = { Processing: 1, Succeeded: 2, Failed: 3 } as const;
export type RefundStatus = (typeof RefundStatus)[keyof typeof RefundStatus];

/**
 * The order lifecycle (DESIGN.md). A payment confirmed on a cancelled or closed order is still
 * recorded: the money was taken. Every other move is refused.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  [OrderStatus.Unpaid]: [OrderStatus.Cancelled, OrderStatus.Closed, OrderStatus.Paid],
  [OrderStatus.Cancelled]: [OrderStatus.Paid],
  [OrderStatus.Closed]: [OrderStatus.Paid],
  [OrderStatus.Paid]: [OrderStatus.Refunded, OrderStatus.Completed],
  [OrderStatus.Refunded]: [],
  [OrderStatus.Completed]: [],
};

export const ITEM_TRANSITIONS: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  [ItemStatus.Unused]: [ItemStatus.Used, ItemStatus.Refunded],
  [ItemStatus.Used]: [],
  [ItemStatus.Refunded]: [],
};

export const REFUND_TRANSITIONS: Readonly<Record<RefundStatus, readonly RefundStatus[]>> = {
  [RefundStatus.Processing]: [RefundStatus.Succeeded, RefundStatus.Failed],
  [RefundStatus.Succeeded]: [],
  [RefundStatus.Failed]: [],
};

export function canTransition<S extends number>(table: Readonly<Record<S, readonly S[]>>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** The states an order may be in to move to `to`: the `WHERE status IN (…)` of a conditional write. */
export function sourcesOf(to: OrderStatus): OrderStatus[] {
  return (Object.keys(ORDER_TRANSITIONS).map(Number) as OrderStatus[]).filter((from) =>
    ORDER_TRANSITIONS[from].includes(to),
  );
}

/** Refuses an order move the lifecycle does not allow: 50002. */
export function assertOrderTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(ORDER_TRANSITIONS, from, to)) throw new DomainError(50002);
}
