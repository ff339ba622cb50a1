import { expect } from 'chai';
import type { Order, Refund } from '../../core/index.js';
import { caught } from '../adapters/support/caught.js';
import { after, HOUR, inParallel, MINUTE, T0 } from './fixtures.js';
import { anOrder, aRefund, aUser, orderNo } from './order-fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The RefundRepository port: one refund per order, safe under races, settled once. */
export function describeRefundRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`RefundRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const refunds = () => context().repositories.refunds;

    async function paidOrder(n = 1): Promise<Order> {
      const { orders } = context().repositories;
      const order = await orders.add(anOrder(await aUser(context(), n), { orderNo: orderNo(n) }));
      await orders.transition(order.id, [1], 4, { payTime: after(MINUTE), transactionId: `tx-${n}` }, after(MINUTE));
      return (await orders.findById(order.id))!;
    }

    /** What `findOrCreate` makes of `order`'s refund: processing, no WeChat id yet. */
    const processing = (order: Order, id: number): Refund => ({
      ...aRefund(order),
      id,
      refundId: null,
      status: 1,
      updatedAt: T0,
    });

    it('returns null for an order without a refund and an unknown refund number', async () => {
      const order = await paidOrder();
      expect(await refunds().findByOrder(order.id)).to.equal(null);
      expect(await refunds().findByOutRefundNo(`R${order.orderNo}`)).to.equal(null);
    });

    it("creates the order's refund, processing, and reads every field back", async () => {
      const order = await paidOrder();
      const refund = await refunds().findOrCreate(aRefund(order));
      expect(refund).to.deep.equal(processing(order, refund.id));
      expect(await refunds().findByOrder(order.id)).to.deep.equal(refund);
      expect(await refunds().findByOutRefundNo(`R${order.orderNo}`)).to.deep.equal(refund);
    });

    it('finds the existing refund instead of making a second one, unchanged', async () => {
      const order = await paidOrder();
      const first = await refunds().findOrCreate(aRefund(order));
      const again = await refunds().findOrCreate(aRefund(order, { amount: 1, outRefundNo: 'R-other', createdAt: after(HOUR) }));
      expect(again).to.deep.equal(first);
      expect(await refunds().findByOutRefundNo('R-other')).to.equal(null);
    });

    it("refuses, writing nothing, a refund number that is another order's", async () => {
      const taken = await refunds().findOrCreate(aRefund(await paidOrder(1)));
      const order = await paidOrder(2);
      const error = await caught(refunds().findOrCreate(aRefund(order, { outRefundNo: taken.outRefundNo })));
      expect(error).to.be.instanceOf(Error);
      expect(await refunds().findByOrder(order.id)).to.equal(null);
      expect(await refunds().findByOutRefundNo(taken.outRefundNo)).to.deep.equal(taken);
    });

    it('refuses a refund of an order that does not exist', async () => {
      const order = await paidOrder();
      expect(await caught(refunds().findOrCreate(aRefund({ ...order, id: order.id + 1000 })))).to.be.instanceOf(Error);
      expect(await refunds().findByOutRefundNo(`R${order.orderNo}`)).to.equal(null);
    });

    it('gives 20 racing callers the same one refund', async () => {
      const order = await paidOrder();
      const results = await inParallel(20, (i) => refunds().findOrCreate(aRefund(order, { createdAt: after(i) })));
      expect(new Set(results.map((refund) => refund.id)).size).to.equal(1);
      expect(results.every((refund) => refund.createdAt.getTime() === results[0]!.createdAt.getTime())).to.equal(true);
      expect(await refunds().findByOrder(order.id)).to.deep.equal(results[0]);
    });

    it('gives 10 racing transactions the same one refund', async () => {
      const order = await paidOrder();
      const results = await inParallel(10, (i) =>
        context().unitOfWork.run(({ refunds: inside }) => inside.findOrCreate(aRefund(order, { createdAt: after(i) }))),
      );
      expect(new Set(results.map((refund) => refund.id)).size).to.equal(1);
      expect(await refunds().findByOrder(order.id)).to.deep.equal(results[0]);
    });

    it('keeps one refund per order across orders', async () => {
      const a = await refunds().findOrCreate(aRefund(await paidOrder(1)));
      const b = await refunds().findOrCreate(aRefund(await paidOrder(2)));
      expect(a.id).to.not.equal(b.id);
      expect((await refunds().findByOrder(b.orderId))?.outRefundNo).to.equal(b.outRefundNo);
    });

    describe('settle', () => {
      async function aProcessingRefund(): Promise<Refund> {
        return refunds().findOrCreate(aRefund(await paidOrder()));
      }

      it('settles a processing refund once, recording WeChat id, state and time', async () => {
        const refund = await aProcessingRefund();
        expect(await refunds().settle(refund.id, '50300000000000000001', 2, after(HOUR))).to.equal(true);
        const settled = { ...refund, refundId: '50300000000000000001', status: 2 as const, updatedAt: after(HOUR) };
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal(settled);
        expect(await refunds().settle(refund.id, 'another', 3, after(2 * HOUR))).to.equal(false);
        expect(await refunds().settle(refund.id, null, 1, after(2 * HOUR))).to.equal(false);
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal(settled);
      });

      it('records a failure, keeping the WeChat id when given none', async () => {
        const refund = await aProcessingRefund();
        expect(await refunds().settle(refund.id, null, 3, after(HOUR))).to.equal(true);
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal({ ...refund, status: 3, updatedAt: after(HOUR) });
      });

      it('records the WeChat id while keeping the refund processing, and settles it later', async () => {
        const refund = await aProcessingRefund();
        expect(await refunds().settle(refund.id, '503-id', 1, after(MINUTE))).to.equal(true);
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal({ ...refund, refundId: '503-id', updatedAt: after(MINUTE) });
        expect(await refunds().settle(refund.id, null, 1, after(MINUTE))).to.equal(true);
        expect(await refunds().settle(refund.id, null, 2, after(HOUR))).to.equal(true);
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal({ ...refund, refundId: '503-id', status: 2, updatedAt: after(HOUR) });
      });

      it('answers true for a processing refund even when nothing it writes differs', async () => {
        const refund = await aProcessingRefund();
        expect(await refunds().settle(refund.id, null, 1, refund.updatedAt)).to.equal(true);
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal(refund);
      });

      it('refuses an unknown refund', async () => {
        const refund = await aProcessingRefund();
        expect(await refunds().settle(refund.id + 1000, 'x', 2, after(HOUR))).to.equal(false);
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal(refund);
      });

      it('lets exactly one of 20 racing notifications settle it', async () => {
        const refund = await aProcessingRefund();
        const results = await inParallel(20, (i) => refunds().settle(refund.id, `id-${i}`, i % 2 === 0 ? 2 : 3, after(i)));
        expect(results.filter(Boolean)).to.have.length(1);
        const winner = results.indexOf(true);
        expect(await refunds().findByOrder(refund.orderId)).to.deep.equal({
          ...refund,
          refundId: `id-${winner}`,
          status: winner % 2 === 0 ? 2 : 3,
          updatedAt: after(winner),
        });
      });
    });

    it('keeps no refund made in a transaction that rolls back', async () => {
      const order = await paidOrder();
      await caught(
        context().unitOfWork.run(async ({ refunds: inside }) => {
          await inside.findOrCreate(aRefund(order));
          throw new Error('boom');
        }),
      );
      expect(await refunds().findByOrder(order.id)).to.equal(null);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const refund = await refunds().findOrCreate(aRefund(await paidOrder()));
      refund.createdAt.setTime(0);
      (refund as { amount: number }).amount = 1;
      expect(await refunds().findByOrder(refund.orderId)).to.deep.equal(processing((await context().repositories.orders.findById(refund.orderId))!, refund.id));
    });
  });
}
