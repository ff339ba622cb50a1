import { expect } from 'chai';
import type { GetOrderDetail, ListOrders, Order, OrderItem } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { confirmPaid, itemsOf, orderingUseCases, placeOrder } from '../../support/ordering-steps.js';
import { GOODS, MINUTE, type OrderingWorld, orderingWorld } from '../../support/ordering-world.js';

describe('ListOrders and GetOrderDetail', () => {
  let world: OrderingWorld;
  let listOrders: ListOrders;
  let getOrderDetail: GetOrderDetail;
  /** Alice's orders, oldest first: paid (2 units), unpaid, unpaid. */
  let paid: Order;
  let second: Order;
  let third: Order;
  let paidItems: OrderItem[];
  let bobs: Order;

  beforeEach(async () => {
    world = await orderingWorld();
    ({ listOrders, getOrderDetail } = orderingUseCases(world));
    paid = await confirmPaid(world, await placeOrder(world, { number: 2 }));
    paidItems = await itemsOf(world, paid);
    world.clock.advance(MINUTE);
    second = await placeOrder(world, { goodsId: GOODS.limited });
    world.clock.advance(MINUTE);
    third = await placeOrder(world, { goodsId: GOODS.ofOper3 });
    bobs = await placeOrder(world, { caller: world.callerIn(2, world.bob) });
  });

  const list = (page = 1, pageSize = 10, status: 1 | 4 | null = null, caller = world.callerIn(1)) =>
    listOrders.execute({ caller, status, page, pageSize });

  it('lists the caller\'s own orders, newest first, with the codes of the paid one', async () => {
    expect(paidItems).to.have.length(2);
    expect(await list()).to.deep.equal({
      total: 3,
      list: [
        { order: third, items: [] },
        { order: second, items: [] },
        { order: paid, items: paidItems },
      ],
    });
  });

  it('lists the orders of one status', async () => {
    expect(await list(1, 10, 4)).to.deep.equal({ total: 1, list: [{ order: paid, items: paidItems }] });
    expect((await list(1, 10, 1)).list.map(({ order }) => order.id)).to.deep.equal([third.id, second.id]);
  });

  it('pages, counting every order in the total', async () => {
    expect((await list(1, 2)).list.map(({ order }) => order.id)).to.deep.equal([third.id, second.id]);
    expect(await list(2, 2)).to.deep.equal({ total: 3, list: [{ order: paid, items: paidItems }] });
    expect(await list(3, 2)).to.deep.equal({ total: 3, list: [] });
  });

  it('shows another user only their own orders', async () => {
    expect(await list(1, 10, null, world.callerIn(1, world.bob))).to.deep.equal({ total: 1, list: [{ order: bobs, items: [] }] });
  });

  it('refuses with 10003 a caller with no bound user', async () => {
    await domainErrorOf(list(1, 10, null, world.callerIn(1, null)), 10003);
    await domainErrorOf(getOrderDetail.execute({ caller: world.callerIn(1, null), orderNo: paid.orderNo }), 10003);
  });

  it('details one of the caller\'s orders with its codes', async () => {
    expect(await getOrderDetail.execute({ caller: world.callerIn(1), orderNo: paid.orderNo })).to.deep.equal({ order: paid, items: paidItems, refunds: [] });
    expect(await getOrderDetail.execute({ caller: world.callerIn(3), orderNo: second.orderNo })).to.deep.equal({ order: second, items: [], refunds: [] });
  });

  it('refuses with 50001 the detail of another user\'s order, or of no order', async () => {
    await domainErrorOf(getOrderDetail.execute({ caller: world.callerIn(1), orderNo: bobs.orderNo }), 50001);
    await domainErrorOf(getOrderDetail.execute({ caller: world.callerIn(1, world.bob), orderNo: paid.orderNo }), 50001);
    await domainErrorOf(getOrderDetail.execute({ caller: world.callerIn(1), orderNo: '202611281000009999999999' }), 50001);
  });
});
