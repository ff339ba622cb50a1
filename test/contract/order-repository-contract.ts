import { expect } from 'chai';
import { OrderNoTaken, type NewOrder, type Order } from '../../core/index.js';
import { caught } from '../adapters/support/caught.js';
import { after, DAY, HOUR, inParallel, MINUTE, T0 } from './fixtures.js';
import { describeOrderItems } from './order-items-contract.js';
import { anOrder, aUser, orderNo, unpaid } from './order-fixtures.js';
import { describeOrderTransitions } from './order-transitions-contract.js';
import { describeOrderChecks } from './order-checks-contract.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The OrderRepository port: adding and reading orders here; transitions and items in their files. */
export function describeOrderRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`OrderRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const orders = () => context().repositories.orders;
    const added = async (input: NewOrder) => orders().add(input);

    describe('add and find', () => {
      it('returns null or nothing when there are no orders', async () => {
        expect(await orders().findById(4242)).to.equal(null);
        expect(await orders().findByNo(orderNo(1))).to.equal(null);
        expect(await orders().listByUser(1, null, 1, 10)).to.deep.equal({ total: 0, orders: [] });
        expect(await orders().findExpiredUnpaid(after(DAY), after(DAY), 10)).to.deep.equal([]);
        expect(await orders().countUnpaidOf(1, T0)).to.equal(0);
      });

      it('adds an unpaid order and reads every field back, by id and by number', async () => {
        const input = anOrder(await aUser(context()));
        const order = await added(input);
        expect(order.id).to.be.a('number');
        expect(order).to.deep.equal(unpaid(input, order.id));
        expect(await orders().findById(order.id)).to.deep.equal(order);
        expect(await orders().findByNo(input.orderNo)).to.deep.equal(order);
      });

      it('round-trips unicode names, a null notify mobile, empty pictures and exact times', async () => {
        const input = anOrder(await aUser(context()), {
          notifyMobile: null,
          merchantName: '𠮷野家 🍜 "Shop" & it\'s',
          goodsName: '牛肉饭（大）🐮 ü',
          goodsPic: '',
          goodsThumbUrl: 'https://cdn.example.com/图片 1.png',
          price: 1,
          buyNumber: 99,
          payPrice: 99,
          createdAt: new Date('2025-12-31T23:59:59.999Z'),
        });
        const order = await added(input);
        expect(await orders().findByNo(input.orderNo)).to.deep.equal(unpaid(input, order.id));
      });

      it('gives each order its own id', async () => {
        const userId = await aUser(context());
        const a = await added(anOrder(userId, { orderNo: orderNo(1) }));
        const b = await added(anOrder(userId, { orderNo: orderNo(2) }));
        expect(a.id).to.not.equal(b.id);
        expect((await orders().findById(b.id))?.orderNo).to.equal(orderNo(2));
      });

      it('refuses a taken order number with OrderNoTaken, writing nothing', async () => {
        const userId = await aUser(context());
        const first = await added(anOrder(userId));
        const error = await caught(added(anOrder(userId, { goodsName: '另一单', createdAt: after(HOUR) })));
        expect(error).to.be.instanceOf(OrderNoTaken);
        expect(error).to.be.instanceOf(Error);
        expect(await orders().findByNo(orderNo(1))).to.deep.equal(first);
        expect((await orders().listByUser(userId, null, 1, 10)).total).to.equal(1);
      });

      it('lets a transaction go on after OrderNoTaken, with another number', async () => {
        const userId = await aUser(context());
        await added(anOrder(userId));
        const order = await context().unitOfWork.run(async ({ orders: inside }) => {
          expect(await caught(inside.add(anOrder(userId)))).to.be.instanceOf(OrderNoTaken);
          return inside.add(anOrder(userId, { orderNo: orderNo(2) }));
        });
        expect(await orders().findByNo(orderNo(2))).to.deep.equal(order);
        expect((await orders().listByUser(userId, null, 1, 10)).total).to.equal(2);
      });

      it('gives one of 10 racing adds of one number the order, and OrderNoTaken to the rest', async () => {
        const userId = await aUser(context());
        const results = await inParallel(10, (i) =>
          added(anOrder(userId, { buyNumber: i + 1 })).then(
            (order) => order,
            (error: unknown) => error,
          ),
        );
        const winners = results.filter((result): result is Order => !(result instanceof Error));
        expect(winners).to.have.length(1);
        expect(results.filter((result) => result instanceof OrderNoTaken)).to.have.length(9);
        expect(await orders().findByNo(orderNo(1))).to.deep.equal(winners[0]);
      });

      it('refuses an order of a user that does not exist', async () => {
        const error = await caught(added(anOrder(98765)));
        expect(error).to.be.instanceOf(Error);
        expect(error).to.not.be.instanceOf(OrderNoTaken);
        expect(await orders().findByNo(orderNo(1))).to.equal(null);
      });

      it('returns copies: changing a result changes nothing stored', async () => {
        const order = await added(anOrder(await aUser(context())));
        order.createdAt.setTime(0);
        (order as { goodsName: string }).goodsName = 'changed';
        const found = (await orders().findById(order.id))!;
        expect(found.goodsName).to.equal('双人套餐');
        expect(found.createdAt).to.deep.equal(T0);
      });

      it('keeps nothing of orders added in a transaction that rolls back', async () => {
        const userId = await aUser(context());
        await caught(
          context().unitOfWork.run(async ({ orders: inside }) => {
            await inside.add(anOrder(userId));
            throw new Error('boom');
          }),
        );
        expect(await orders().findByNo(orderNo(1))).to.equal(null);
        expect(await added(anOrder(userId))).to.have.property('orderNo', orderNo(1));
      });
    });

    describe('listByUser', () => {
      /** Five orders of user 1 (created an hour apart, two at the same time) and two of user 2. */
      async function history() {
        const mine = await aUser(context(), 1);
        const theirs = await aUser(context(), 2);
        const at = [T0, after(HOUR), after(2 * HOUR), after(2 * HOUR), after(3 * HOUR)];
        const list: Order[] = [];
        for (const [i, createdAt] of at.entries()) list.push(await added(anOrder(mine, { orderNo: orderNo(i + 1), createdAt })));
        await added(anOrder(theirs, { orderNo: orderNo(11), createdAt: after(DAY) }));
        await added(anOrder(theirs, { orderNo: orderNo(12), createdAt: after(-DAY) }));
        return { mine, theirs, list };
      }

      it("lists the user's orders newest first, then by id, with the total", async () => {
        const { mine, list } = await history();
        const [a, b, c, d, e] = list;
        expect(await orders().listByUser(mine, null, 1, 10)).to.deep.equal({ total: 5, orders: [e, d, c, b, a] });
      });

      it('pages through them', async () => {
        const { mine, list } = await history();
        const [a, b, c, d, e] = list;
        expect(await orders().listByUser(mine, null, 1, 2)).to.deep.equal({ total: 5, orders: [e, d] });
        expect(await orders().listByUser(mine, null, 2, 2)).to.deep.equal({ total: 5, orders: [c, b] });
        expect(await orders().listByUser(mine, null, 3, 2)).to.deep.equal({ total: 5, orders: [a] });
        expect(await orders().listByUser(mine, null, 4, 2)).to.deep.equal({ total: 5, orders: [] });
      });

      it('filters by status, the total too', async () => {
        const { mine, list } = await history();
        const [a, , c, d] = list;
        for (const order of [a!, c!]) await orders().transition(order.id, { from: [1], to: 4 }, {}, after(DAY));
        await orders().transition(d!.id, { from: [1], to: 2 }, {}, after(DAY));
        const paid = await orders().listByUser(mine, 4, 1, 10);
        expect(paid.total).to.equal(2);
        expect(paid.orders.map((order) => order.id)).to.deep.equal([c!.id, a!.id]);
        expect(paid.orders.every((order) => order.status === 4)).to.equal(true);
        expect((await orders().listByUser(mine, 1, 1, 10)).total).to.equal(2);
        expect((await orders().listByUser(mine, 2, 1, 10)).orders.map((order) => order.id)).to.deep.equal([d!.id]);
        expect(await orders().listByUser(mine, 7, 1, 10)).to.deep.equal({ total: 0, orders: [] });
      });

      it("never shows another user's orders", async () => {
        const { theirs } = await history();
        const listed = await orders().listByUser(theirs, null, 1, 10);
        expect(listed.total).to.equal(2);
        expect(listed.orders.map((order) => order.orderNo)).to.deep.equal([orderNo(11), orderNo(12)]);
        expect(await orders().listByUser(98765, null, 1, 10)).to.deep.equal({ total: 0, orders: [] });
      });
    });

    describe('countUnpaidOf', () => {
      it('counts the user\'s unpaid orders created at or after the time, and no others', async () => {
        const userId = await aUser(context());
        const other = await aUser(context(), 2);
        const make = (n: number, createdAt: Date, user = userId) => added(anOrder(user, { orderNo: orderNo(n), createdAt }));
        await make(1, T0);
        await make(2, after(MINUTE));
        await make(3, after(-1));
        await make(4, after(MINUTE), other);
        const paid = await make(5, after(MINUTE));
        await orders().transition(paid.id, { from: [1], to: 4 }, {}, T0);
        expect(await orders().countUnpaidOf(userId, T0)).to.equal(2);
        expect(await orders().countUnpaidOf(userId, after(1))).to.equal(1);
        expect(await orders().countUnpaidOf(other, T0)).to.equal(1);
      });
    });

    describeOrderTransitions(context);
    describeOrderItems(context);
    describeOrderChecks(context);
  });
}
