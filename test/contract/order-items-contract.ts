import { expect } from 'chai';
import { ITEM_MOVES, ItemStatus, VerifyCodeTaken, type Order, type OrderItem } from '../../core/index.js';
import { caught } from '../adapters/support/caught.js';
import { after, DAY, HOUR, inParallel, MINUTE, T0 } from './fixtures.js';
import { anOrder, aUser, codeNumber, orderNo } from './order-fixtures.js';
import type { RepositoryContext } from './repository-context.js';

/** The verification codes (items) of OrderRepository, in the suite of order-repository-contract. */
export function describeOrderItems(context: () => RepositoryContext): void {
  const orders = () => context().repositories.orders;
  const itemsOf = async (order: Order) => (await orders().itemsOf([order.id])).get(order.id)!;

  /** Two orders of one user, the first with three codes, the second with one. */
  async function twoOrders() {
    const userId = await aUser(context());
    const first = await orders().add(anOrder(userId, { orderNo: orderNo(1), buyNumber: 3 }));
    const second = await orders().add(anOrder(userId, { orderNo: orderNo(2), buyNumber: 1 }));
    const items: OrderItem[] = [];
    for (const n of [1, 2, 3]) items.push(await orders().addItem(first.id, codeNumber(n), after(n)));
    const other = await orders().addItem(second.id, codeNumber(4), after(4));
    return { first, second, items, other };
  }

  describe('items', () => {
    it('adds an unused code and reads every field back, by code and by order', async () => {
      const order = await orders().add(anOrder(await aUser(context())));
      const item = await orders().addItem(order.id, '000000000123', T0);
      expect(item).to.deep.equal({ id: item.id, orderId: order.id, verifyCode: '000000000123', status: 1, usedAt: null });
      expect(await orders().findItemByCode('000000000123')).to.deep.equal(item);
      expect(await itemsOf(order)).to.deep.equal([item]);
    });

    it('returns null for an unknown code', async () => {
      await twoOrders();
      expect(await orders().findItemByCode(codeNumber(99))).to.equal(null);
    });

    it('refuses a taken code with VerifyCodeTaken, writing nothing', async () => {
      const { first, second, items, other } = await twoOrders();
      const error = await caught(orders().addItem(second.id, codeNumber(1), after(HOUR)));
      expect(error).to.be.instanceOf(VerifyCodeTaken);
      expect(await itemsOf(second)).to.deep.equal([other]);
      expect(await itemsOf(first)).to.deep.equal(items);
      expect(await orders().findItemByCode(codeNumber(1))).to.deep.equal(items[0]);
    });

    it('lets a transaction go on after VerifyCodeTaken, with another code', async () => {
      const { second, other } = await twoOrders();
      const drawn = await context().unitOfWork.run(async ({ orders: inside }) => {
        expect(await caught(inside.addItem(second.id, codeNumber(2), T0))).to.be.instanceOf(VerifyCodeTaken);
        return inside.addItem(second.id, codeNumber(5), T0);
      });
      expect(await itemsOf(second)).to.deep.equal([other, drawn]);
    });

    it('refuses a code of an order that does not exist', async () => {
      const error = await caught(orders().addItem(98765, codeNumber(1), T0));
      expect(error).to.be.instanceOf(Error);
      expect(error).to.not.be.instanceOf(VerifyCodeTaken);
      expect(await orders().findItemByCode(codeNumber(1))).to.equal(null);
    });

    it('maps every order asked for to its codes by id, in one call, [] for orders without any', async () => {
      const { first, second, items, other } = await twoOrders();
      const third = await orders().add(anOrder(first.userId, { orderNo: orderNo(3) }));
      const found = await orders().itemsOf([second.id, third.id, first.id, 98765]);
      expect([...found.keys()].sort((a, b) => a - b)).to.deep.equal([first.id, second.id, third.id, 98765].sort((a, b) => a - b));
      expect(found.get(first.id)).to.deep.equal(items);
      expect(found.get(second.id)).to.deep.equal([other]);
      expect(found.get(third.id)).to.deep.equal([]);
      expect(found.get(98765)).to.deep.equal([]);
      expect((await orders().itemsOf([])).size).to.equal(0);
    });

    it('moves all the codes of an order in the state given, and only those', async () => {
      const { first, items, other } = await twoOrders();
      expect(await orders().moveItems(first.id, { from: [1], to: 2 }, after(HOUR), items[1]!.id)).to.equal(1);
      expect(await orders().moveItems(first.id, { from: [1], to: 3 }, after(DAY))).to.equal(2);
      expect(await itemsOf(first)).to.deep.equal([
        { ...items[0]!, status: 3 },
        { ...items[1]!, status: 2, usedAt: after(HOUR) },
        { ...items[2]!, status: 3 },
      ]);
      expect((await orders().findItemByCode(other.verifyCode))!.status).to.equal(1);
      expect(await orders().moveItems(first.id, { from: [1], to: 3 }, after(DAY))).to.equal(0);
    });

    it('gives refunded codes back unused when their refund fails, leaving used codes used', async () => {
      const { first, items } = await twoOrders();
      await orders().moveItems(first.id, ITEM_MOVES.redeem, after(HOUR), items[0]!.id);
      expect(await orders().moveItems(first.id, ITEM_MOVES.refund, after(DAY))).to.equal(2);
      expect(await orders().moveItems(first.id, ITEM_MOVES.refundFailed, after(2 * DAY))).to.equal(2);
      expect(await itemsOf(first)).to.deep.equal([{ ...items[0]!, status: 2, usedAt: after(HOUR) }, items[1]!, items[2]!]);
    });

    it('records when a code is used', async () => {
      const { first, items } = await twoOrders();
      expect(await orders().moveItems(first.id, { from: [1], to: 2 }, after(5 * MINUTE), items[2]!.id)).to.equal(1);
      expect(await orders().findItemByCode(items[2]!.verifyCode)).to.deep.equal({ ...items[2]!, status: 2, usedAt: after(5 * MINUTE) });
    });

    it('refuses, changing nothing, codes not in the state given and a code of another order', async () => {
      const { first, second, items, other } = await twoOrders();
      await orders().moveItems(first.id, { from: [1], to: 2 }, after(HOUR), items[0]!.id);
      await orders().moveItems(first.id, { from: [1], to: 3 }, after(HOUR), items[1]!.id);
      const before = await itemsOf(first);
      for (const from of [ItemStatus.Used, ItemStatus.Refunded]) {
        for (const to of Object.values(ItemStatus)) {
          expect(await orders().moveItems(first.id, { from: [from], to: to }, after(DAY), items[2]!.id), `${from} -> ${to}`).to.equal(0);
        }
      }
      expect(await orders().moveItems(first.id, { from: [1], to: 2 }, after(DAY), items[0]!.id)).to.equal(0);
      expect(await orders().moveItems(first.id, { from: [1], to: 2 }, after(DAY), other.id)).to.equal(0);
      expect(await orders().moveItems(98765, { from: [1], to: 3 }, after(DAY))).to.equal(0);
      expect(await itemsOf(first)).to.deep.equal(before);
      expect(await itemsOf(second)).to.deep.equal([other]);
    });

    it('lets exactly one of 20 racing redemptions of a code win', async () => {
      const { first, items } = await twoOrders();
      const moved = await inParallel(20, (i) => orders().moveItems(first.id, { from: [1], to: 2 }, after(i), items[0]!.id));
      expect(moved.reduce((sum, n) => sum + n, 0)).to.equal(1);
      expect((await orders().findItemByCode(items[0]!.verifyCode))?.usedAt).to.deep.equal(after(moved.indexOf(1)));
    });

    it('moves each code once when a refund races redemptions in transactions', async () => {
      const { first, items } = await twoOrders();
      const moved = await inParallel(12, (i) =>
        context().unitOfWork.run(({ orders: inside }) =>
          i % 4 === 0
            ? inside.moveItems(first.id, { from: [1], to: 3 }, after(i))
            : inside.moveItems(first.id, { from: [1], to: 2 }, after(i), items[i % 3]!.id),
        ),
      );
      expect(moved.reduce((sum, n) => sum + n, 0)).to.equal(3);
      expect((await itemsOf(first)).every((item) => item.status !== 1)).to.equal(true);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const { first, items } = await twoOrders();
      await orders().moveItems(first.id, { from: [1], to: 2 }, after(HOUR), items[0]!.id);
      const found = await orders().itemsOf([first.id]);
      found.get(first.id)![0]!.usedAt!.setTime(0);
      found.get(first.id)!.pop();
      expect((await itemsOf(first))[0]!.usedAt).to.deep.equal(after(HOUR));
      expect(await itemsOf(first)).to.have.length(3);
    });
  });
}
