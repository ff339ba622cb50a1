import { expect } from 'chai';
import sinon from 'sinon';
import type { CancelOrder, Order } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { confirmPaid, goodsOf, orderingUseCases, placeOrder, statusOf } from '../../support/ordering-steps.js';
import { GOODS, MINUTE, type OrderingWorld, orderingWorld } from '../../support/ordering-world.js';

describe('CancelOrder', () => {
  let world: OrderingWorld;
  let cancelOrder: CancelOrder;
  let order: Order;

  beforeEach(async () => {
    world = await orderingWorld();
    cancelOrder = orderingUseCases(world).cancelOrder;
    order = await placeOrder(world, { goodsId: GOODS.limited, number: 2 });
  });

  const cancel = (caller = world.callerIn(1)) => cancelOrder.execute({ caller, orderNo: order.orderNo });

  it('closes the WeChat transaction, cancels the order and gives its units back', async () => {
    world.clock.advance(MINUTE);
    expect(await cancel()).to.deep.equal({ ...order, status: 2 });
    expect(await statusOf(world, order)).to.equal(2);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 3, sellNumber: 0 });
    expect(world.wechatPay.calls).to.deep.equal([{ method: 'close', operId: 1, outTradeNo: order.orderNo }]);
  });

  it('closes the WeChat transaction while the order is still unpaid', async () => {
    const seen: Array<number | undefined> = [];
    const close = sinon.stub(world.wechatPay, 'close').callsFake(async () => {
      seen.push(await statusOf(world, order));
      return 'closed';
    });
    await cancel();
    sinon.assert.calledOnceWithExactly(close, sinon.match({ id: 1 }), order.orderNo);
    expect(seen).to.deep.equal([1]);
    expect(await statusOf(world, order)).to.equal(2);
  });

  it('leaves the order unpaid, its units taken, when WeChat cannot close (70012)', async () => {
    world.wechatPay.failing.add('close');
    await domainErrorOf(cancel(), 70012);
    expect(await statusOf(world, order)).to.equal(1);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 0 });
  });

  it('refuses with 50002 after payment, closing nothing', async () => {
    await confirmPaid(world, order);
    await domainErrorOf(cancel(), 50002);
    expect(await statusOf(world, order)).to.equal(4);
    expect(world.wechatPay.callsOf('close')).to.deep.equal([]);
  });

  it('refuses with 50002 when a payment lands between the close and the move', async () => {
    sinon.stub(world.wechatPay, 'close').callsFake(async () => {
      await confirmPaid(world, order);
      return 'closed';
    });
    await domainErrorOf(cancel(), 50002);
    expect(await statusOf(world, order)).to.equal(4);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
  });

  it('refuses with 50002 a second cancel, giving nothing back twice', async () => {
    await cancel();
    await domainErrorOf(cancel(), 50002);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 3, sellNumber: 0 });
  });

  it('refuses with 50001 the order of another user', async () => {
    await domainErrorOf(cancel(world.callerIn(1, world.bob)), 50001);
    expect(await statusOf(world, order)).to.equal(1);
    expect(world.wechatPay.calls).to.deep.equal([]);
  });

  it('cancels locally the order of an oper without WeChat Pay', async () => {
    const local = await placeOrder(world, { goodsId: GOODS.ofOper2, caller: world.callerIn(3) });
    await cancelOrder.execute({ caller: world.callerIn(2), orderNo: local.orderNo });
    expect(await statusOf(world, local)).to.equal(2);
    expect(world.wechatPay.calls).to.deep.equal([]);
  });
});
