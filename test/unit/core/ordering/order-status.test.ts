import { expect } from 'chai';
import {
  canTransition,
  ITEM_MOVES,
  ITEM_TRANSITIONS,
  ItemStatus,
  ORDER_MOVES,
  ORDER_TRANSITIONS,
  OrderStatus,
  REFUND_MOVES,
  REFUND_TRANSITIONS,
  RefundStatus,
} from '../../../../core/index.js';

// The lifecycle of DESIGN.md, written out by hand: every edge not listed here must be refused.
const ORDER_STATES = [1, 2, 3, 4, 6, 7] as const;
const ORDER_EDGES: ReadonlyArray<readonly [number, number]> = [
  [1, 2], // unpaid --cancel--> cancelled
  [1, 3], // unpaid --timeout--> closed
  [1, 4], // unpaid --payment--> paid
  [2, 4], // a late payment on a cancelled order is kept
  [3, 4], // a late payment on a closed order is kept
  [4, 6], // paid --refund unused codes--> refunded
  [4, 7], // paid --last code redeemed--> completed
  [6, 4], // refunded --refund failed--> paid: what the refund took is given back
];
const ITEM_STATES = [1, 2, 3] as const;
const ITEM_EDGES: ReadonlyArray<readonly [number, number]> = [
  [1, 2], // unused --redeem--> used
  [1, 3], // unused --refund--> refunded
  [3, 1], // refunded --refund failed--> unused
];
const REFUND_STATES = [1, 2, 3] as const;
const REFUND_EDGES: ReadonlyArray<readonly [number, number]> = [
  [1, 2], // processing --> succeeded
  [1, 3], // processing --> failed
];

const allowed = (edges: ReadonlyArray<readonly [number, number]>, from: number, to: number) =>
  edges.some(([f, t]) => f === from && t === to);

function describeTable(
  name: string,
  table: Readonly<Record<number, readonly number[]>>,
  states: readonly number[],
  edges: ReadonlyArray<readonly [number, number]>,
) {
  describe(name, () => {
    it(`has exactly the states ${states.join(', ')}`, () => {
      expect(Object.keys(table).map(Number)).to.deep.equal([...states]);
    });

    it(`allows exactly ${edges.length} of the ${states.length ** 2} pairs`, () => {
      const found = states.flatMap((from) => states.filter((to) => canTransition(table, from, to)).map((to) => [from, to]));
      expect(found).to.deep.equal(edges.map(([from, to]) => [from, to]));
    });

    for (const from of states) {
      for (const to of states) {
        const expected = allowed(edges, from, to);
        it(`${expected ? 'allows' : 'forbids'} ${from} → ${to}`, () => {
          expect(canTransition(table, from, to)).to.equal(expected);
        });
      }
    }
  });
}

describe('order-status transition tables', () => {
  it('numbers the states as the seed does', () => {
    expect(OrderStatus).to.deep.equal({ Unpaid: 1, Cancelled: 2, Closed: 3, Paid: 4, Refunded: 6, Completed: 7 });
    expect(ItemStatus).to.deep.equal({ Unused: 1, Used: 2, Refunded: 3 });
    expect(RefundStatus).to.deep.equal({ Processing: 1, Succeeded: 2, Failed: 3 });
  });

  describeTable('ORDER_TRANSITIONS', ORDER_TRANSITIONS, ORDER_STATES, ORDER_EDGES);
  describeTable('ITEM_TRANSITIONS', ITEM_TRANSITIONS, ITEM_STATES, ITEM_EDGES);
  describeTable('REFUND_TRANSITIONS', REFUND_TRANSITIONS, REFUND_STATES, REFUND_EDGES);

  describe('the named moves', () => {
    const named = (moves: Readonly<Record<string, { from: readonly number[]; to: number }>>) =>
      Object.fromEntries(Object.entries(moves).map(([name, m]) => [name, [[...m.from], m.to]]));

    it('of orders: the states each starts from and leads to', () => {
      expect(named(ORDER_MOVES)).to.deep.equal({
        cancel: [[1], 2],
        close: [[1], 3],
        pay: [[1, 2, 3], 4],
        refund: [[4], 6],
        refundFailed: [[6], 4],
        complete: [[4], 7],
      });
    });

    it('of items and refunds', () => {
      expect(named(ITEM_MOVES)).to.deep.equal({ redeem: [[1], 2], refund: [[1], 3], refundFailed: [[3], 1] });
      expect(named(REFUND_MOVES)).to.deep.equal({ succeed: [[1], 2], fail: [[1], 3] });
    });

    it('cannot be changed at run time', () => {
      expect(Object.isFrozen(ORDER_MOVES) && Object.isFrozen(ORDER_MOVES.pay) && Object.isFrozen(ORDER_MOVES.pay.from)).to.equal(true);
    });
  });
});
