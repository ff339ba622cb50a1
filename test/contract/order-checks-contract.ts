import { expect } from 'chai';
import { ORDER_MOVES, type Order } from '../../core/index.js';
import { after, HOUR, inParallel, MINUTE, T0 } from './fixtures.js';
import { anOrder, aUser, orderNo } from './order-fixtures.js';
import type { RepositoryContext } from './repository-context.js';

/** The check schedule of OrderRepository (sweep and reconciliation), in the suite of order-repository-contract. */
export function describeOrderChecks(context: () => RepositoryContext): void {
  const orders = () => context().repositories.orders;
  const reread = async (order: Order) => (await orders().findById(order.id))!;
  let numbers = 100;
  const make = async (createdAt: Date) => {
    numbers += 1;
    return orders().add(anOrder(await aUser(context(), numbers), { orderNo: orderNo(numbers), createdAt }));
  };

  describe('checks', () => {
    it('marks the first prepay only, and schedules the first check then', async () => {
      const order = await make(T0);
      await orders().markPrepaid(order.id, after(MINUTE), after(2 * MINUTE));
      await orders().markPrepaid(order.id, after(HOUR), after(2 * HOUR));
      const prepaid = await reread(order);
      expect(prepaid).to.deep.equal({ ...order, prepaidAt: after(MINUTE) });
      expect(await orders().findPrepaidToCheck(T0, after(2 * MINUTE - 1), 10)).to.deep.equal([]);
      expect(await orders().findPrepaidToCheck(T0, after(2 * MINUTE), 10)).to.deep.equal([{ subject: prepaid, checks: 0, lastCheckedAt: null }]);
    });

    it('finds expired unpaid orders whose check is due, soonest due first, at most the limit', async () => {
      const early = await make(T0);
      const late = await make(after(10 * MINUTE));
      const young = await make(after(40 * MINUTE));
      const paid = await make(T0);
      await orders().transition(paid.id, ORDER_MOVES.pay, {}, T0);
      const backedOff = await make(T0);
      expect(await orders().claimCheck(backedOff.id, 0, after(2 * HOUR), after(HOUR))).to.equal(true);
      const cutoff = after(30 * MINUTE);
      expect(await orders().findExpiredUnpaid(cutoff, after(HOUR), 10)).to.deep.equal([{ subject: early, checks: 0, lastCheckedAt: null }, { subject: late, checks: 0, lastCheckedAt: null }]);
      expect(await orders().findExpiredUnpaid(cutoff, after(HOUR), 1)).to.deep.equal([{ subject: early, checks: 0, lastCheckedAt: null }]);
      expect(await orders().findExpiredUnpaid(cutoff, after(3 * HOUR), 10)).to.deep.equal([
        { subject: early, checks: 0, lastCheckedAt: null }, { subject: late, checks: 0, lastCheckedAt: null }, { subject: backedOff, checks: 1, lastCheckedAt: after(HOUR) },
      ]);
      expect((await orders().findExpiredUnpaid(after(HOUR), after(HOUR), 10)).map((s) => s.subject.id)).to.include(young.id);
    });

    it('finds only prepaid unpaid orders created from the time given for the reconciliation', async () => {
      const old = await make(T0);
      const fresh = await make(after(HOUR));
      const never = await make(after(HOUR));
      await orders().markPrepaid(old.id, T0, T0);
      await orders().markPrepaid(fresh.id, after(HOUR), after(HOUR));
      const found = await orders().findPrepaidToCheck(after(30 * MINUTE), after(2 * HOUR), 10);
      expect(found.map((s) => s.subject.id)).to.deep.equal([fresh.id]);
      expect(never.prepaidAt).to.equal(null);
    });

    it('lets exactly one of 10 racing claims of a check win (two instances, one order)', async () => {
      const order = await make(T0);
      const won = await inParallel(10, (i) =>
        context().unitOfWork.run(({ orders: inside }) => inside.claimCheck(order.id, 0, after(HOUR + i), after(MINUTE))),
      );
      expect(won.filter(Boolean)).to.have.length(1);
      expect(await orders().claimCheck(order.id, 0, after(2 * HOUR), after(3 * HOUR))).to.equal(false);
      expect(await orders().claimCheck(order.id, 1, after(2 * HOUR), after(HOUR - 1))).to.equal(false);
      expect(await orders().claimCheck(order.id, 1, after(3 * HOUR), after(2 * HOUR))).to.equal(true);
      expect(await reread(order)).to.deep.equal(order);
    });

    it('claims a check not yet due when the claim says by when it must be due (a pass of everything)', async () => {
      const order = await make(T0);
      await orders().markPrepaid(order.id, T0, after(HOUR));
      expect(await orders().claimCheck(order.id, 0, after(2 * HOUR), after(MINUTE))).to.equal(false);
      expect(await orders().claimCheck(order.id, 0, after(2 * HOUR), after(MINUTE), after(HOUR - 1))).to.equal(false);
      expect(await orders().claimCheck(order.id, 0, after(2 * HOUR), after(MINUTE), after(HOUR))).to.equal(true);
      expect(await orders().claimCheck(order.id, 0, after(3 * HOUR), after(MINUTE), after(9 * HOUR))).to.equal(false);
      const [found] = await orders().findPrepaidToCheck(T0, after(2 * HOUR), 10);
      expect(found).to.deep.include({ checks: 1, lastCheckedAt: after(MINUTE) });
    });

    it('claims a read check at most once per gap', async () => {
      const order = await make(T0);
      expect(await orders().claimReadCheck(order.id, T0, after(MINUTE))).to.equal(true);
      expect(await orders().claimReadCheck(order.id, after(MINUTE), after(MINUTE + 1))).to.equal(false);
      expect(await orders().claimReadCheck(order.id, after(MINUTE + 1), after(2 * MINUTE))).to.equal(true);
      const raced = await inParallel(10, () => orders().claimReadCheck(order.id, after(3 * MINUTE), after(3 * MINUTE)));
      expect(raced.filter(Boolean)).to.have.length(1);
    });
  });
}
