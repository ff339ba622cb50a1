import { expect } from 'chai';
import type { Order, OrderItem, RefundOrder } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { itemsOf, orderingUseCases, paidOrder, placeOrder, settled, statusOf } from '../../support/ordering-steps.js';
import { MERCHANT, MINUTE, type OrderingWorld, orderingWorld, PRICE, settings, START } from '../../support/ordering-world.js';

describe('RefundOrder', () => {
  let world: OrderingWorld;
  let refundOrder: RefundOrder;
  let order: Order;
  let items: OrderItem[];

  beforeEach(async () => {
    world = await orderingWorld();
    refundOrder = orderingUseCases(world).refundOrder;
    ({ order, items } = await paidOrder(world, undefined, 3));
    world.clock.advance(10 * MINUTE);
  });

  const refund = (caller = world.callerIn(1)) => refundOrder.execute({ caller, orderNo: order.orderNo });
  const redeem = (item: OrderItem) => orderingUseCases(world).redeemCode.execute({ verifyCode: item.verifyCode, merchantId: MERCHANT.shop });
  const refundRows = () => world.store.transaction((access) => access.use((tables) => tables.refunds.size));
  const itemStatuses = async () => (await itemsOf(world, order)).map((item) => item.status);
  const now = () => new Date(START.getTime() + 10 * MINUTE);

  it('refunds the unused codes at WeChat: amount = unused × price, out_refund_no `${orderNo}R1`', async () => {
    await redeem(items[0]!);
    expect(await refund()).to.deep.equal({
      id: 1, orderId: order.id, orderNo: order.orderNo, operId: 1, attempt: 1, outRefundNo: `${order.orderNo}R1`, amount: 2 * PRICE,
      refundId: 'wx-refund-1', status: 1, createdAt: now(), updatedAt: now(),
    });
    expect(world.wechatPay.callsOf('refund')).to.deep.equal([
      {
        method: 'refund', operId: 1,
        request: {
          outTradeNo: order.orderNo, outRefundNo: `${order.orderNo}R1`, refundFen: 2 * PRICE, totalFen: 3 * PRICE,
          reason: '用户申请退款', notifyUrl: settings.refundNotifyUrl(1),
        },
      },
    ]);
    expect(await world.repositories.orders.findById(order.id)).to.deep.equal({ ...order, status: 6, refundPrice: 2 * PRICE, refundTime: now() });
    expect(await itemStatuses()).to.deep.equal([2, 3, 3]);
  });

  it('records a refund WeChat settles at once as succeeded', async () => {
    world.wechatPay.refundState = 'SUCCESS';
    expect(await refund()).to.deep.include({ amount: 3 * PRICE, status: 2, refundId: 'wx-refund-1' });
  });

  it('refuses with 50002 an unpaid order, asking WeChat nothing', async () => {
    const unpaid = await placeOrder(world);
    await domainErrorOf(refundOrder.execute({ caller: world.callerIn(1), orderNo: unpaid.orderNo }), 50002);
    expect(world.wechatPay.callsOf('refund')).to.deep.equal([]);
    expect(await refundRows()).to.equal(0);
  });

  it('refuses with 50002 a paid order with no unused code', async () => {
    await world.repositories.orders.moveItems(order.id, { from: [1], to: 2 }, now());
    await domainErrorOf(refund(), 50002);
    expect(await statusOf(world, order)).to.equal(4);
    expect(await refundRows()).to.equal(0);
  });

  it('refuses with 50002 a completed order', async () => {
    for (const item of items) await redeem(item);
    await domainErrorOf(refund(), 50002);
    expect(await refundRows()).to.equal(0);
  });

  it('refuses with 50002 an order already refunded, paying nothing twice', async () => {
    await refund();
    await domainErrorOf(refund(), 50002);
    expect(world.wechatPay.callsOf('refund')).to.have.length(1);
  });

  it('refuses with 50001 the order of another user', async () => {
    await domainErrorOf(refund(world.callerIn(1, world.bob)), 50001);
    expect(await refundRows()).to.equal(0);
  });

  it('keeps the order paid when WeChat fails (70012), and a retry refunds the same out_refund_no once', async () => {
    world.wechatPay.failing.add('refund');
    await domainErrorOf(refund(), 70012);
    expect(await statusOf(world, order)).to.equal(4);
    expect(await itemStatuses()).to.deep.equal([1, 1, 1]);
    expect(await world.repositories.refunds.latestOf(order.id)).to.deep.include({ refundId: null, status: 1, amount: 3 * PRICE });

    world.wechatPay.failing.clear();
    world.clock.advance(MINUTE);
    const retried = await refund();
    expect(retried).to.deep.include({ id: 1, outRefundNo: `${order.orderNo}R1`, refundId: 'wx-refund-1', status: 1, createdAt: now() });
    expect(world.wechatPay.callsOf('refund').map((call) => call.request.outRefundNo)).to.deep.equal([`${order.orderNo}R1`, `${order.orderNo}R1`]);
    expect(world.wechatPay.refunds.size).to.equal(1);
    expect(await refundRows()).to.equal(1);
    expect(await statusOf(world, order)).to.equal(6);
    expect(await itemStatuses()).to.deep.equal([3, 3, 3]);
  });

  it('refunds once at WeChat and once in the order under 10 taps in parallel', async () => {
    const { values, codes } = await settled(Array.from({ length: 10 }, () => refund()));
    const stored = await world.repositories.refunds.latestOf(order.id);
    expect(values.length).to.be.greaterThan(0);
    expect(values.length + codes.length).to.equal(10);
    for (const value of values) expect(value).to.deep.equal(stored);
    for (const code of codes) expect(code).to.equal(50002);
    expect(stored).to.deep.include({ id: 1, amount: 3 * PRICE, refundId: 'wx-refund-1' });
    expect(world.wechatPay.refunds.size).to.equal(1);
    expect(await refundRows()).to.equal(1);
    expect(await world.repositories.orders.findById(order.id)).to.deep.include({ status: 6, refundPrice: 3 * PRICE, refundTime: now() });
    expect(await itemStatuses()).to.deep.equal([3, 3, 3]);
  });
});
