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
 * One named edge of a lifecycle: the states it may start from and the state it leads to. A
 * repository's conditional write is `UPDATE … SET status = to WHERE status IN (from)`, so a use
 * case names the move and never the states.
 */
export interface Move<S extends number> {
  readonly from: readonly S[];
  readonly to: S;
}

const move = <S extends number>(from: readonly S[], to: S): Move<S> => Object.freeze({ from: Object.freeze([...from]), to });
const { Unpaid, Cancelled, Closed, Paid, Refunded, Completed } = OrderStatus;

/**
 * The order lifecycle (DESIGN.md), the one table every order status change goes through. A
 * payment confirmed on a cancelled or closed order is still recorded (the money was taken); a
 * refund that fails gives back what it took (refunded → paid).
 */
export const ORDER_MOVES = Object.freeze({
  cancel: move([Unpaid], Cancelled),
  close: move([Unpaid], Closed),
  pay: move([Unpaid, Cancelled, Closed], Paid),
  refund: move([Paid], Refunded),
  refundFailed: move([Refunded], Paid),
  complete: move([Paid], Completed),
});

/** Verification codes: redeemed, refunded, and given back unused when their refund fails. */
export const ITEM_MOVES = Object.freeze({
  redeem: move([ItemStatus.Unused], ItemStatus.Used),
  refund: move([ItemStatus.Unused], ItemStatus.Refunded),
  refundFailed: move([ItemStatus.Refunded], ItemStatus.Unused),
});

/** Refund records, one per attempt: processing until WeChat Pay says it succeeded or failed. */
export const REFUND_MOVES = Object.freeze({
  succeed: move([RefundStatus.Processing], RefundStatus.Succeeded),
  fail: move([RefundStatus.Processing], RefundStatus.Failed),
});

/** State → the states it may move to, derived from a table of moves (for reading and tests). */
function edgesOf<S extends number>(states: Readonly<Record<string, S>>, moves: Readonly<Record<string, Move<S>>>): Readonly<Record<S, readonly S[]>> {
  const edges = {} as Record<S, S[]>;
  for (const state of Object.values(states)) {
    edges[state] = Object.values(moves).filter((m) => m.from.includes(state)).map((m) => m.to);
  }
  return edges;
}

export const ORDER_TRANSITIONS = edgesOf(OrderStatus, ORDER_MOVES);
export const ITEM_TRANSITIONS = edgesOf(ItemStatus, ITEM_MOVES);
export const REFUND_TRANSITIONS = edgesOf(RefundStatus, REFUND_MOVES);

export function canTransition<S extends number>(table: Readonly<Record<S, readonly S[]>>, from: S, to: S): boolean {
  return table[from].includes(to);
}
