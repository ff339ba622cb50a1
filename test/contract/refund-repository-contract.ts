import { expect } from 'chai';
import { REFUND_MOVES, RefundAttemptTaken, type Order, type Refund } from '../../core/index.js';
import { caught } from '../adapters/support/caught.js';
import { after, HOUR, inParallel, MINUTE, T0 } from './fixtures.js';
import { anOrder, aRefund, aUser, orderNo } from './order-fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The RefundRepository port: one record per attempt, unique numbers, moved once, checks claimed once. */
export function describeRefundRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`RefundRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const refunds = () => context().repositories.refunds;

    async function paidOrder(n = 1): Promise<Order> {
      const { orders } = context().repositories;
      const order = await orders.add(anOrder(await aUser(context(), n), { orderNo: orderNo(n) }));
      await orders.transition(order.id, { from: [1], to: 4 }, { payTime: after(MINUTE), transactionId: `tx-${n}` }, after(MINUTE));
      return (await orders.findById(order.id))!;
    }

    /** What `add` makes of an attempt: processing, no WeChat id yet. */
    const processing = (order: Order, id: number, attempt = 1): Refund => ({
      ...aRefund(order, { attempt }),
      id,
      refundId: null,
      status: 1,
      updatedAt: T0,
    });

    it('returns null and nothing for an order without refunds and an unknown number', async () => {
      const order = await paidOrder();
      expect(await refunds().latestOf(order.id)).to.equal(null);
      expect(await refunds().listOf(order.id)).to.deep.equal([]);
      expect(await refunds().findById(4242)).to.equal(null);
      expect(await refunds().findByOutRefundNo('R-none')).to.equal(null);
      expect(await refunds().findProcessingToCheck(after(HOUR), 10)).to.deep.equal([]);
    });

    it('adds an attempt, processing, and reads every field back by id, number, order', async () => {
      const order = await paidOrder();
      const refund = await refunds().add(aRefund(order), after(MINUTE));
      expect(refund).to.deep.equal(processing(order, refund.id));
      expect(await refunds().findById(refund.id)).to.deep.equal(refund);
      expect(await refunds().findByOutRefundNo(refund.outRefundNo)).to.deep.equal(refund);
      expect(await refunds().latestOf(order.id)).to.deep.equal(refund);
      expect(await refunds().listOf(order.id)).to.deep.equal([refund]);
    });

    it('keeps every attempt of an order, newest first, the latest being the highest attempt', async () => {
      const order = await paidOrder();
      const first = await refunds().add(aRefund(order), T0);
      await refunds().transition(first.id, REFUND_MOVES.fail, after(MINUTE));
      const second = await refunds().add(aRefund(order, { attempt: 2, createdAt: after(HOUR) }), T0);
      expect(second.outRefundNo).to.not.equal(first.outRefundNo);
      expect(await refunds().latestOf(order.id)).to.deep.equal(second);
      expect((await refunds().listOf(order.id)).map((r) => [r.attempt, r.status])).to.deep.equal([[2, 1], [1, 3]]);
    });

    it('refuses a second record of one attempt, or a number taken, writing nothing', async () => {
      const order = await paidOrder();
      const other = await paidOrder(2);
      const first = await refunds().add(aRefund(order), T0);
      expect(await caught(refunds().add(aRefund(order, { outRefundNo: 'another' }), T0))).to.be.instanceOf(RefundAttemptTaken);
      expect(await caught(refunds().add(aRefund(other, { outRefundNo: first.outRefundNo }), T0))).to.be.instanceOf(RefundAttemptTaken);
      expect(await refunds().listOf(order.id)).to.deep.equal([first]);
      expect(await refunds().listOf(other.id)).to.deep.equal([]);
    });

    it('refuses an attempt of an order that does not exist', async () => {
      const order = await paidOrder();
      expect(await caught(refunds().add(aRefund({ ...order, id: order.id + 1000 }), T0))).to.be.instanceOf(Error);
    });

    it('lets exactly one of 20 racing adds of one attempt win', async () => {
      const order = await paidOrder();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => context().unitOfWork.run(({ refunds: inside }) => inside.add(aRefund(order, { createdAt: after(i) }), T0))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof RefundAttemptTaken)).to.equal(true);
      expect(await refunds().listOf(order.id)).to.have.length(1);
    });

    describe('transition and recordRefundId', () => {
      it('moves a processing refund once, to succeeded or failed, and never back', async () => {
        const refund = await refunds().add(aRefund(await paidOrder()), T0);
        expect(await refunds().transition(refund.id, REFUND_MOVES.succeed, after(HOUR))).to.equal(true);
        expect(await refunds().transition(refund.id, REFUND_MOVES.fail, after(2 * HOUR))).to.equal(false);
        expect(await refunds().transition(refund.id, REFUND_MOVES.succeed, after(2 * HOUR))).to.equal(false);
        expect(await refunds().findById(refund.id)).to.deep.equal({ ...refund, status: 2, updatedAt: after(HOUR) });
        expect(await refunds().transition(refund.id + 1000, REFUND_MOVES.fail, after(HOUR))).to.equal(false);
      });

      it('records WeChat\'s id once, while processing', async () => {
        const refund = await refunds().add(aRefund(await paidOrder()), T0);
        await refunds().recordRefundId(refund.id, '50300000000000000001', after(MINUTE));
        await refunds().recordRefundId(refund.id, 'another', after(HOUR));
        expect(await refunds().findById(refund.id)).to.deep.equal({ ...refund, refundId: '50300000000000000001', updatedAt: after(MINUTE) });
        const failed = await refunds().add(aRefund(await paidOrder(2)), T0);
        await refunds().transition(failed.id, REFUND_MOVES.fail, after(MINUTE));
        await refunds().recordRefundId(failed.id, 'late', after(HOUR));
        expect((await refunds().findById(failed.id))?.refundId).to.equal(null);
      });

      it('lets exactly one of 20 racing reports end a refund', async () => {
        const refund = await refunds().add(aRefund(await paidOrder()), T0);
        const results = await inParallel(20, (i) => refunds().transition(refund.id, i % 2 === 0 ? REFUND_MOVES.succeed : REFUND_MOVES.fail, after(i)));
        expect(results.filter(Boolean)).to.have.length(1);
        const winner = results.indexOf(true);
        expect(await refunds().findById(refund.id)).to.deep.equal({ ...refund, status: winner % 2 === 0 ? 2 : 3, updatedAt: after(winner) });
      });
    });

    describe('checks', () => {
      it('finds processing refunds whose check is due, soonest first, at most the limit', async () => {
        const a = await refunds().add(aRefund(await paidOrder(1)), after(2 * MINUTE));
        const b = await refunds().add(aRefund(await paidOrder(2)), after(MINUTE));
        const done = await refunds().add(aRefund(await paidOrder(3)), T0);
        await refunds().transition(done.id, REFUND_MOVES.succeed, T0);
        await refunds().add(aRefund(await paidOrder(4)), after(HOUR));
        expect(await refunds().findProcessingToCheck(after(2 * MINUTE), 10)).to.deep.equal([{ subject: b, checks: 0, lastCheckedAt: null }, { subject: a, checks: 0, lastCheckedAt: null }]);
        expect(await refunds().findProcessingToCheck(after(2 * MINUTE), 1)).to.deep.equal([{ subject: b, checks: 0, lastCheckedAt: null }]);
        expect(await refunds().findProcessingToCheck(after(MINUTE - 1), 10)).to.deep.equal([]);
      });

      it('lets exactly one of 10 racing claims of a check win, and schedules the next', async () => {
        const refund = await refunds().add(aRefund(await paidOrder()), T0);
        const won = await inParallel(10, (i) => refunds().claimCheck(refund.id, 0, after(HOUR + i), after(MINUTE)));
        expect(won.filter(Boolean)).to.have.length(1);
        expect(await refunds().findProcessingToCheck(after(HOUR - 1), 10)).to.deep.equal([]);
        expect(await refunds().findProcessingToCheck(after(2 * HOUR), 10)).to.deep.equal([{ subject: refund, checks: 1, lastCheckedAt: after(MINUTE) }]);
        expect(await refunds().claimCheck(refund.id, 1, after(2 * HOUR), after(HOUR - 1))).to.equal(false);
        expect(await refunds().claimCheck(refund.id, 0, after(2 * HOUR), after(2 * HOUR))).to.equal(false);
        expect(await refunds().claimCheck(refund.id, 1, after(3 * HOUR), after(HOUR - 2), after(HOUR - 1))).to.equal(false);
        expect(await refunds().claimCheck(refund.id, 1, after(3 * HOUR), after(HOUR - 2), after(2 * HOUR))).to.equal(true);
      });

      it('claims a read check at most once per gap', async () => {
        const refund = await refunds().add(aRefund(await paidOrder()), T0);
        expect(await refunds().claimReadCheck(refund.id, after(0), after(MINUTE))).to.equal(true);
        expect(await refunds().claimReadCheck(refund.id, after(MINUTE), after(MINUTE + 1))).to.equal(false);
        expect(await refunds().claimReadCheck(refund.id, after(MINUTE + 1), after(2 * MINUTE))).to.equal(true);
        const raced = await inParallel(10, () => refunds().claimReadCheck(refund.id, after(3 * MINUTE), after(3 * MINUTE)));
        expect(raced.filter(Boolean)).to.have.length(1);
      });
    });

    it('keeps no refund made in a transaction that rolls back', async () => {
      const order = await paidOrder();
      await caught(
        context().unitOfWork.run(async ({ refunds: inside }) => {
          await inside.add(aRefund(order), T0);
          throw new Error('boom');
        }),
      );
      expect(await refunds().latestOf(order.id)).to.equal(null);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const order = await paidOrder();
      const refund = await refunds().add(aRefund(order), T0);
      refund.createdAt.setTime(0);
      (refund as { amount: number }).amount = 1;
      expect(await refunds().findById(refund.id)).to.deep.equal(processing(order, refund.id));
    });
  });
}
