import { expect } from 'chai';
import type { Order, PayOrder } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { confirmPaid, orderingUseCases, placeOrder } from '../../support/ordering-steps.js';
import { APP1, MINUTE, type OrderingWorld, orderingWorld, PAY_TIMEOUT_MS, PRICE, settings, START } from '../../support/ordering-world.js';

describe('PayOrder', () => {
  let world: OrderingWorld;
  let payOrder: PayOrder;
  let order: Order;

  beforeEach(async () => {
    world = await orderingWorld();
    payOrder = orderingUseCases(world).payOrder;
    order = await placeOrder(world, { number: 2 }); // alice, from oper 2's mini program: no prepay yet
  });

  it('signs a payment of the unpaid order in its oper\'s mini program', async () => {
    world.clock.advance(MINUTE);
    const caller = world.callerIn(1);
    const seconds = String((START.getTime() + MINUTE) / 1000);
    expect(await payOrder.execute({ caller, orderNo: order.orderNo })).to.deep.equal({
      appId: APP1, timestamp: seconds, nonceStr: `nonce-${seconds}`, package: `prepay_id=wx-prepay-${order.orderNo}`,
      signType: 'RSA', paySign: `signed-by-1900000001:prepay_id=wx-prepay-${order.orderNo}`,
    });
    expect(world.wechatPay.callsOf('prepay')).to.deep.equal([
      {
        method: 'prepay', operId: 1,
        request: {
          appid: APP1, outTradeNo: order.orderNo, description: order.goodsName, amountFen: 2 * PRICE, payerOpenId: caller.openId,
          expiresAt: new Date(START.getTime() + PAY_TIMEOUT_MS), notifyUrl: settings.paymentNotifyUrl(1),
        },
      },
    ]);
  });

  it('asks with the same parameters, expiry included, every time', async () => {
    const caller = world.callerIn(1);
    world.clock.advance(MINUTE);
    await payOrder.execute({ caller, orderNo: order.orderNo });
    world.clock.advance(20 * MINUTE);
    await payOrder.execute({ caller, orderNo: order.orderNo });
    const [first, second] = world.wechatPay.callsOf('prepay');
    expect(first?.request.expiresAt).to.deep.equal(new Date(START.getTime() + PAY_TIMEOUT_MS));
    expect(second).to.deep.equal(first);
  });

  it('refuses with 50001 the order of another user', async () => {
    await domainErrorOf(payOrder.execute({ caller: world.callerIn(1, world.bob), orderNo: order.orderNo }), 50001);
    expect(world.wechatPay.calls).to.deep.equal([]);
  });

  it('refuses with 50001 an order number that does not exist', async () => {
    await domainErrorOf(payOrder.execute({ caller: world.callerIn(1), orderNo: '202611281000009999999999' }), 50001);
  });

  it('refuses with 10003 a caller with no bound user', async () => {
    await domainErrorOf(payOrder.execute({ caller: world.callerIn(1, null), orderNo: order.orderNo }), 10003);
  });

  it('refuses with 50003 in the mini program of another oper', async () => {
    await domainErrorOf(payOrder.execute({ caller: world.callerIn(3), orderNo: order.orderNo }), 50003);
    await domainErrorOf(payOrder.execute({ caller: world.callerIn(2), orderNo: order.orderNo }), 50003);
    expect(world.wechatPay.calls).to.deep.equal([]);
  });

  it('refuses with 50002 an order already paid', async () => {
    await confirmPaid(world, order);
    await domainErrorOf(payOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo }), 50002);
    expect(world.wechatPay.callsOf('prepay')).to.deep.equal([]);
  });

  it('refuses with 50002 an order cancelled', async () => {
    await orderingUseCases(world).cancelOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo });
    await domainErrorOf(payOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo }), 50002);
    expect(world.wechatPay.callsOf('prepay')).to.deep.equal([]);
  });

  it('pays until the pay timeout and refuses with 50002 from that instant on', async () => {
    const caller = world.callerIn(1);
    world.clock.advance(PAY_TIMEOUT_MS - 1);
    await payOrder.execute({ caller, orderNo: order.orderNo });
    world.clock.advance(1);
    await domainErrorOf(payOrder.execute({ caller, orderNo: order.orderNo }), 50002);
    expect(world.wechatPay.callsOf('prepay')).to.have.length(1);
  });

  it('answers 70012 with the order_no when WeChat Pay fails, leaving the order unpaid', async () => {
    world.wechatPay.failing.add('prepay');
    const error = await domainErrorOf(payOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo }), 70012);
    expect(error.data).to.deep.equal({ order_no: order.orderNo });
    expect((await world.repositories.orders.findById(order.id))?.status).to.equal(1);
  });
});
