import { expect } from 'chai';
import { ORDER_MOVES, OrderStatus, type Order } from '../../core/index.js';
import { after, DAY, HOUR, inParallel, MINUTE } from './fixtures.js';
import { anOrder, aUser, orderNo } from './order-fixtures.js';
import type { RepositoryContext } from './repository-context.js';

const ALL_STATUSES = Object.values(OrderStatus);

/** The conditional moves of OrderRepository, in the suite of order-repository-contract. */
export function describeOrderTransitions(context: () => RepositoryContext): void {
  const orders = () => context().repositories.orders;
  const reread = async (order: Order) => (await orders().findById(order.id))!;
  let numbers = 0;

  /** A new order of a new user, moved to `status` (the repository itself does not police moves). */
  async function anOrderIn(status: OrderStatus): Promise<Order> {
    numbers += 1;
    const order = await orders().add(anOrder(await aUser(context(), numbers), { orderNo: orderNo(numbers) }));
    if (status !== OrderStatus.Unpaid) expect(await orders().transition(order.id, { from: [OrderStatus.Unpaid], to: status }, {}, order.createdAt)).to.equal(true);
    return reread(order);
  }

  describe('transition', () => {
    it('moves an order from a listed state, writing the changes given', async () => {
      const order = await anOrderIn(OrderStatus.Unpaid);
      const changes = { payTime: after(5 * MINUTE), transactionId: '4200001234202503011234567890' };
      expect(await orders().transition(order.id, { from: [1, 2, 3], to: 4 }, changes, after(6 * MINUTE))).to.equal(true);
      expect(await reread(order)).to.deep.equal({ ...order, ...changes, status: 4 });
    });

    it('keeps what it is not given, and writes refund fields later', async () => {
      const order = await anOrderIn(OrderStatus.Unpaid);
      await orders().transition(order.id, { from: [1], to: 4 }, { payTime: after(MINUTE), transactionId: 'tx-1' }, after(MINUTE));
      const refund = { refundPrice: 19900, refundTime: after(DAY) };
      expect(await orders().transition(order.id, { from: [4], to: 6 }, refund, after(DAY))).to.equal(true);
      expect(await reread(order)).to.deep.equal({ ...order, payTime: after(MINUTE), transactionId: 'tx-1', ...refund, status: 6 });
    });

    it('refuses, changing nothing, an order not in a listed state', async () => {
      const paid = await anOrderIn(OrderStatus.Unpaid);
      await orders().transition(paid.id, { from: [1], to: 4 }, { payTime: after(MINUTE), transactionId: 'tx-1' }, after(MINUTE));
      const before = await reread(paid);
      expect(await orders().transition(paid.id, { from: [1], to: 2 }, {}, after(HOUR))).to.equal(false);
      expect(await orders().transition(paid.id, { from: [1, 2, 3], to: 4 }, { payTime: after(HOUR), transactionId: 'tx-2' }, after(HOUR))).to.equal(false);
      expect(await reread(paid)).to.deep.equal(before);
    });

    it('refuses an unknown order and an empty list of states', async () => {
      const order = await anOrderIn(OrderStatus.Unpaid);
      expect(await orders().transition(order.id + 1000, { from: [1], to: 2 }, {}, after(HOUR))).to.equal(false);
      expect(await orders().transition(order.id, { from: [], to: 2 }, {}, after(HOUR))).to.equal(false);
      expect(await reread(order)).to.deep.equal(order);
    });

    it('applies each move of the lifecycle from each of its sources and from no other state', async () => {
      for (const [name, move] of Object.entries(ORDER_MOVES)) {
        for (const from of ALL_STATUSES) {
          const order = await anOrderIn(from);
          const allowed = (move.from as readonly number[]).includes(from);
          const moved = await orders().transition(order.id, move, { refundPrice: 1 }, after(DAY));
          expect(moved, `${name} from ${from}`).to.equal(allowed);
          const expected = allowed ? { ...order, refundPrice: 1, status: move.to } : order;
          expect(await reread(order), `${name} from ${from}`).to.deep.equal(expected);
        }
      }
    });

    it('clears refund_price and refund_time when a failed refund gives the order back', async () => {
      const order = await anOrderIn(OrderStatus.Paid);
      expect(await orders().transition(order.id, ORDER_MOVES.refund, { refundPrice: 500, refundTime: after(HOUR) }, after(HOUR))).to.equal(true);
      expect(await reread(order)).to.deep.equal({ ...order, status: 6, refundPrice: 500, refundTime: after(HOUR) });
      expect(await orders().transition(order.id, ORDER_MOVES.refundFailed, { refundPrice: null, refundTime: null }, after(DAY))).to.equal(true);
      expect(await reread(order)).to.deep.equal({ ...order, status: 4, refundPrice: null, refundTime: null });
    });

    it('lets exactly one of 20 racing payments move an order from unpaid to paid', async () => {
      const order = await anOrderIn(OrderStatus.Unpaid);
      const results = await inParallel(20, (i) =>
        orders().transition(order.id, { from: [1], to: 4 }, { payTime: after(i), transactionId: `tx-${i}` }, after(i)),
      );
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = results.indexOf(true);
      expect(await reread(order)).to.deep.equal({ ...order, status: 4, payTime: after(winner), transactionId: `tx-${winner}` });
    });

    it('lets exactly one of a cancel, a close and payments racing in transactions win', async () => {
      const order = await anOrderIn(OrderStatus.Unpaid);
      const targets: OrderStatus[] = [2, 3, 4, 4, 4, 4, 2, 3, 4, 4];
      const results = await inParallel(targets.length, (i) =>
        context().unitOfWork.run(({ orders: inside }) => inside.transition(order.id, { from: [1], to: targets[i]! }, {}, after(i))),
      );
      expect(results.filter(Boolean)).to.have.length(1);
      expect((await reread(order)).status).to.equal(targets[results.indexOf(true)]);
    });

    it('moves only the order named', async () => {
      const order = await anOrderIn(OrderStatus.Unpaid);
      const other = await anOrderIn(OrderStatus.Unpaid);
      await orders().transition(order.id, { from: [1], to: 3 }, {}, after(HOUR));
      expect(await reread(other)).to.deep.equal(other);
    });
  });
}
