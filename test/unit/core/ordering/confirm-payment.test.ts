import { expect } from 'chai';
import type { ConfirmPayment, Order, PaymentNotice } from '../../../../core/index.js';
import { notificationOf } from '../../support/in-memory-wechat-pay.js';
import { goodsOf, itemsOf, orderingUseCases, paymentOf, placeOrder } from '../../support/ordering-steps.js';
import { GOODS, MINUTE, type OrderingWorld, orderingWorld, PAY_TIMEOUT_MS, START } from '../../support/ordering-world.js';

describe('ConfirmPayment', () => {
  let world: OrderingWorld;
  let confirmPayment: ConfirmPayment;
  let order: Order;

  beforeEach(async () => {
    world = await orderingWorld();
    confirmPayment = orderingUseCases(world).confirmPayment;
    order = await placeOrder(world, { goodsId: GOODS.limited, number: 2 });
    world.clock.advance(2 * MINUTE);
  });

  const confirm = (notice: PaymentNotice = paymentOf(order), { operId = 1, forged = false } = {}) =>
    confirmPayment.execute({ operId, notification: notificationOf(notice, { forged }) });

  async function expectUnchanged(): Promise<void> {
    expect(await world.repositories.orders.findById(order.id)).to.deep.equal(order);
    expect(await itemsOf(world, order)).to.deep.equal([]);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 0 });
  }

  it('records the payment: paid at its success time, one 12-digit code per unit, sell_number raised', async () => {
    expect(await confirm()).to.equal('recorded');
    expect(await world.repositories.orders.findById(order.id)).to.deep.equal({
      ...order, status: 4, payTime: new Date(START.getTime() + MINUTE), transactionId: `4200${order.orderNo.slice(-10)}`,
    });
    const items = await itemsOf(world, order);
    expect(items).to.deep.equal([
      { id: 1, orderId: order.id, verifyCode: '000000000002', status: 1, usedAt: null },
      { id: 2, orderId: order.id, verifyCode: '000000000003', status: 1, usedAt: null },
    ]);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
  });

  it('dates the payment now when the notice carries no success time', async () => {
    await confirm(paymentOf(order, { successTime: null }));
    expect((await world.repositories.orders.findById(order.id))?.payTime).to.deep.equal(new Date(START.getTime() + 2 * MINUTE));
  });

  it('rejects a notification that fails verification, changing nothing', async () => {
    expect(await confirm(paymentOf(order), { forged: true })).to.equal('rejected');
    await expectUnchanged();
  });

  it('rejects a notification for an oper without WeChat Pay or for no oper', async () => {
    expect(await confirm(paymentOf(order), { operId: 2 })).to.equal('rejected');
    expect(await confirm(paymentOf(order), { operId: 99 })).to.equal('rejected');
    await expectUnchanged();
  });

  it('acknowledges a notice that is not a success, changing nothing', async () => {
    expect(await confirm(paymentOf(order, { tradeState: 'PAYERROR' }))).to.equal('not-a-success');
    await expectUnchanged();
  });

  it('refuses an amount other than pay_price, changing nothing', async () => {
    expect(await confirm(paymentOf(order, { amountFen: order.payPrice - 1 }))).to.equal('amount-mismatch');
    await expectUnchanged();
  });

  it('reports an unknown order', async () => {
    expect(await confirm(paymentOf(order, { outTradeNo: '202611281000009999999999' }))).to.equal('unknown-order');
    await expectUnchanged();
  });

  it('refuses a payment of another oper\'s merchant account, changing nothing', async () => {
    expect(await confirm(paymentOf(order), { operId: 3 })).to.equal('foreign-payment');
    await expectUnchanged();
  });

  it('reports as unknown an order of another oper paid to the oper notified, changing nothing', async () => {
    expect(await confirm(paymentOf(order, { mchid: '1900000003', appid: 'wx0000000000000003' }), { operId: 3 })).to.equal('unknown-order');
    await expectUnchanged();
  });

  for (const [field, value] of [['mchid', '1900000003'], ['appid', 'wx0000000000000003']] as const) {
    it(`refuses a payment whose ${field} is not the oper's, changing nothing, and logs it`, async () => {
      expect(await confirm(paymentOf(order, { [field]: value }))).to.equal('foreign-payment');
      await expectUnchanged();
      expect(world.log.about(order.orderNo).map((l) => [l.level, l.fields[field]])).to.deep.equal([['warn', value]]);
    });
  }

  it('records once under 10 identical notices in parallel', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => confirm()));
    expect([...outcomes].sort()).to.deep.equal([...Array<string>(9).fill('already-recorded'), 'recorded']);
    const codes = (await itemsOf(world, order)).map((item) => item.verifyCode);
    expect(codes).to.have.length(2);
    expect(new Set(codes).size).to.equal(2);
    for (const code of codes) expect(code).to.match(/^\d{12}$/);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
    expect((await world.repositories.orders.findById(order.id))?.status).to.equal(4);
  });

  it('records once a notice that comes again later', async () => {
    await confirm();
    world.clock.advance(MINUTE);
    expect(await confirm()).to.equal('already-recorded');
    expect(await itemsOf(world, order)).to.have.length(2);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
  });

  it('records a late payment on a cancelled order and takes its units again', async () => {
    await orderingUseCases(world).cancelOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo });
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 3, sellNumber: 0 });
    expect(await confirm()).to.equal('recorded');
    expect((await world.repositories.orders.findById(order.id))?.status).to.equal(4);
    expect(await itemsOf(world, order)).to.have.length(2);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
  });

  it('records a late payment on a closed order, leaving a stock that no longer has the units', async () => {
    world.clock.advance(PAY_TIMEOUT_MS);
    expect(await orderingUseCases(world).closeExpiredOrders.execute()).to.deep.equal({ closed: 1, paid: 0, failed: 0, skipped: 0 });
    await placeOrder(world, { goodsId: GOODS.limited, number: 2 });
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 0 });
    expect(await confirm()).to.equal('recorded');
    expect((await world.repositories.orders.findById(order.id))?.status).to.equal(4);
    expect(await itemsOf(world, order)).to.have.length(2);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
  });
});
