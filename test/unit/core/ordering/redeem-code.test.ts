import { expect } from 'chai';
import type { Order, OrderItem, RedeemCode } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { itemsOf, orderingUseCases, paidOrder, statusOf } from '../../support/ordering-steps.js';
import { MERCHANT, MINUTE, type OrderingWorld, orderingWorld, START } from '../../support/ordering-world.js';

describe('RedeemCode', () => {
  let world: OrderingWorld;
  let redeemCode: RedeemCode;
  let order: Order;
  let items: OrderItem[];

  beforeEach(async () => {
    world = await orderingWorld();
    redeemCode = orderingUseCases(world).redeemCode;
    ({ order, items } = await paidOrder(world, undefined, 2));
    world.clock.advance(MINUTE);
  });

  const redeem = (item: OrderItem | undefined, merchantId: number = MERCHANT.shop) =>
    redeemCode.execute({ verifyCode: item!.verifyCode, merchantId });
  const statuses = async () => (await itemsOf(world, order)).map((item) => item.status);
  const now = () => new Date(START.getTime() + MINUTE);

  it('marks the code used now, and leaves the order paid while codes are left', async () => {
    expect(await redeem(items[1])).to.deep.equal({ ...items[1], status: 2, usedAt: now() });
    expect(await statuses()).to.deep.equal([1, 2]);
    expect(await statusOf(world, order)).to.equal(4);
  });

  it('completes the order (7) with its last unused code', async () => {
    await redeem(items[0]);
    await redeem(items[1]);
    expect(await statuses()).to.deep.equal([2, 2]);
    expect(await statusOf(world, order)).to.equal(7);
  });

  it('completes the order once when its last codes are redeemed in parallel', async () => {
    const redeemed = await Promise.all(items.map((item) => redeem(item)));
    expect(redeemed.map((item) => item.status)).to.deep.equal([2, 2]);
    expect(await statusOf(world, order)).to.equal(7);
  });

  it('refuses with 50001 a code that does not exist', async () => {
    await domainErrorOf(redeemCode.execute({ verifyCode: '999999999999', merchantId: MERCHANT.shop }), 50001);
  });

  it('refuses with 50001 the code of another merchant, changing nothing', async () => {
    await domainErrorOf(redeem(items[0], MERCHANT.shopOfOper3), 50001);
    await domainErrorOf(redeem(items[0], MERCHANT.disabledShop), 50001);
    expect(await statuses()).to.deep.equal([1, 1]);
  });

  it('refuses with 50002 a code already used', async () => {
    await redeem(items[0]);
    await domainErrorOf(redeem(items[0]), 50002);
    expect(await statuses()).to.deep.equal([2, 1]);
    expect(await statusOf(world, order)).to.equal(4);
  });

  it('refuses with 50002 the unused code of an order that is not paid', async () => {
    expect(await world.repositories.orders.transition(order.id, { from: [4], to: 6 }, {}, now())).to.equal(true);
    await domainErrorOf(redeem(items[0]), 50002);
    expect(await statuses()).to.deep.equal([1, 1]);
  });

  it('refuses with 50002 the code of a refunded order', async () => {
    await orderingUseCases(world).refundOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo });
    await domainErrorOf(redeem(items[0]), 50002);
    expect(await statuses()).to.deep.equal([3, 3]);
  });

  it('refuses with 50002 once a refund has begun, even if WeChat has not taken it yet', async () => {
    world.wechatPay.failing.add('refund');
    await domainErrorOf(orderingUseCases(world).refundOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo }), 70012);
    expect(await statusOf(world, order)).to.equal(4);
    await domainErrorOf(redeem(items[0]), 50002);
    expect(await statuses()).to.deep.equal([1, 1]);
  });
});
