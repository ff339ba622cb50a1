import { expect } from 'chai';
import { CHECK_SCHEDULE, CloseExpiredOrders, type Order, PaymentCheck } from '../../../../core/index.js';
import { confirmPaid, goodsOf, itemsOf, orderingUseCases, paymentOf, placeOrder, statusOf } from '../../support/ordering-steps.js';
import { GOODS, MINUTE, type OrderingWorld, orderingWorld, PAY_TIMEOUT_MS, settings, START } from '../../support/ordering-world.js';

describe('CloseExpiredOrders', () => {
  let world: OrderingWorld;
  let sweeper: CloseExpiredOrders;
  let order: Order;

  beforeEach(async () => {
    world = await orderingWorld();
    sweeper = orderingUseCases(world).closeExpiredOrders;
    order = await prepaid(await placeOrder(world, { goodsId: GOODS.limited, number: 2 }));
  });

  /** The order as if its payment had been asked for in its own mini program (WeChat may hold money for it). */
  async function prepaid(placed: Order): Promise<Order> {
    await world.repositories.orders.markPrepaid(placed.id, placed.createdAt, placed.createdAt);
    return (await world.repositories.orders.findById(placed.id))!;
  }

  /** Past the back-off of an order that failed once. */
  const afterBackOff = () => world.clock.advance(CHECK_SCHEDULE.firstMs);

  it('leaves an order alone up to the pay timeout itself', async () => {
    world.clock.advance(PAY_TIMEOUT_MS);
    expect(await sweeper.execute()).to.deep.equal({ closed: 0, paid: 0, failed: 0, skipped: 0 });
    expect(await statusOf(world, order)).to.equal(1);
    expect(world.wechatPay.calls).to.deep.equal([]);
  });

  it('closes at WeChat, then closes the order and gives its units back, one millisecond past the timeout', async () => {
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    expect(await sweeper.execute()).to.deep.equal({ closed: 1, paid: 0, failed: 0, skipped: 0 });
    expect(await world.repositories.orders.findById(order.id)).to.deep.equal({ ...order, status: 3 });
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 3, sellNumber: 0 });
    expect(world.wechatPay.calls).to.deep.equal([
      { method: 'query', operId: 1, outTradeNo: order.orderNo },
      { method: 'close', operId: 1, outTradeNo: order.orderNo },
    ]);
  });

  it('records as paid, not closed, an order WeChat says was paid', async () => {
    world.wechatPay.reportPaid(paymentOf(order));
    world.clock.advance(PAY_TIMEOUT_MS + MINUTE);
    expect(await sweeper.execute()).to.deep.equal({ closed: 0, paid: 1, failed: 0, skipped: 0 });
    const paid = await world.repositories.orders.findById(order.id);
    expect(paid).to.deep.include({ status: 4, payTime: new Date(START.getTime() + MINUTE), transactionId: paymentOf(order).transactionId });
    expect(await itemsOf(world, order)).to.have.length(2);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
    expect(world.wechatPay.callsOf('close')).to.deep.equal([]);
  });

  for (const call of ['query', 'close'] as const) {
    it(`counts as failed and leaves unpaid an order whose ${call} fails, for the next sweep`, async () => {
      world.wechatPay.failing.add(call);
      world.clock.advance(PAY_TIMEOUT_MS + 1);
      expect(await sweeper.execute()).to.deep.equal({ closed: 0, paid: 0, failed: 1, skipped: 0 });
      expect(await statusOf(world, order)).to.equal(1);
      expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 0 });

      world.wechatPay.failing.clear();
      expect(await sweeper.execute()).to.deep.equal({ closed: 0, paid: 0, failed: 0, skipped: 0 });
      afterBackOff();
      expect(await sweeper.execute()).to.deep.equal({ closed: 1, paid: 0, failed: 0, skipped: 0 });
      expect(await statusOf(world, order)).to.equal(3);
      expect(world.log.about(order.orderNo)).to.deep.equal([
        { level: 'warn', fields: { orderNo: order.orderNo, operId: 1, retryAt: new Date(START.getTime() + PAY_TIMEOUT_MS + 1 + CHECK_SCHEDULE.firstMs).toISOString(), code: 70012, reason: `微信接口调用失败: ${call}` }, message: 'expired order not closed' },
      ]);
    });
  }

  it('leaves paid, with its units, an order whose payment lands while the sweep closes it', async () => {
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    const close = world.wechatPay.close.bind(world.wechatPay);
    world.wechatPay.close = async (oper, outTradeNo) => {
      await confirmPaid(world, order);
      return close(oper, outTradeNo);
    };
    await sweeper.execute();
    expect(await statusOf(world, order)).to.equal(4);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
  });

  it('goes on with the other orders after one fails', async () => {
    const second = await prepaid(await placeOrder(world, { goodsId: GOODS.limited, number: 1 }));
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    let calls = 0;
    const close = world.wechatPay.close.bind(world.wechatPay);
    world.wechatPay.close = async (oper, outTradeNo) => {
      if (++calls === 1) throw new Error('connection reset');
      return close(oper, outTradeNo);
    };
    expect(await sweeper.execute()).to.deep.equal({ closed: 1, paid: 0, failed: 1, skipped: 0 });
    expect([await statusOf(world, order), await statusOf(world, second)]).to.deep.equal([1, 3]);
  });

  it('closes each order once and gives its units back once when two sweeps run in parallel', async () => {
    const second = await prepaid(await placeOrder(world, { goodsId: GOODS.limited, number: 1 }));
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    const results = await Promise.all([sweeper.execute(), sweeper.execute()]);
    for (const result of results) expect(result.failed + result.paid).to.equal(0);
    expect([await statusOf(world, order), await statusOf(world, second)]).to.deep.equal([3, 3]);
    expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 3, sellNumber: 0 });
  });

  it('closes locally, asking WeChat nothing, the order of an oper without WeChat Pay', async () => {
    const local = await placeOrder(world, { goodsId: GOODS.ofOper2, caller: world.callerIn(3) });
    world.wechatPay.calls.length = 0;
    world.wechatPay.failing.add('query');
    world.wechatPay.failing.add('close');
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    expect(await sweeper.execute()).to.deep.equal({ closed: 1, paid: 0, failed: 1, skipped: 0 });
    expect(await statusOf(world, local)).to.equal(3);
    expect(world.wechatPay.calls.filter((call) => call.operId === 2)).to.deep.equal([]);
  });

  it('closes without asking WeChat an order whose payment was never asked for', async () => {
    const never = await placeOrder(world, { goodsId: GOODS.limited, number: 1 });
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    world.wechatPay.calls.length = 0;
    expect(await sweeper.execute()).to.deep.equal({ closed: 2, paid: 0, failed: 0, skipped: 0 });
    expect(await statusOf(world, never)).to.equal(3);
    expect(world.wechatPay.calls.map((c) => (c as { outTradeNo?: string }).outTradeNo)).to.deep.equal([order.orderNo, order.orderNo]);
  });

  it('is not blocked by a batch full of failing orders: the good one behind them is closed next sweep', async () => {
    const failing: Order[] = [order];
    for (let i = 0; i < 3; i += 1) failing.push(await prepaid(await placeOrder(world, { goodsId: GOODS.onShelf })));
    world.clock.advance(MINUTE);
    const good = await placeOrder(world, { goodsId: GOODS.onShelf });
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    const failingNos = new Set(failing.map((o) => o.orderNo));
    const close = world.wechatPay.close.bind(world.wechatPay);
    world.wechatPay.close = async (oper, outTradeNo) => {
      if (failingNos.has(outTradeNo)) throw new Error('connection reset');
      return close(oper, outTradeNo);
    };
    const { repositories, uow, wechatPay, random, clock, log } = world;
    const batchOfFour = new CloseExpiredOrders(repositories, uow, wechatPay, new PaymentCheck(uow, wechatPay, random, log), settings, clock, log, 4);
    expect(await batchOfFour.execute()).to.deep.equal({ closed: 0, paid: 0, failed: 4, skipped: 0 });
    expect(await batchOfFour.execute()).to.deep.equal({ closed: 1, paid: 0, failed: 0, skipped: 0 });
    expect(await statusOf(world, good)).to.equal(3);
    expect(log.lines.filter((l) => l.level === 'error').map((l) => l.fields['orderNo'])).to.deep.equal(failing.map((o) => o.orderNo));
    // Each failing order comes back after its back-off, doubling each time.
    afterBackOff();
    expect(await batchOfFour.execute()).to.deep.equal({ closed: 0, paid: 0, failed: 4, skipped: 0 });
    afterBackOff();
    expect(await batchOfFour.execute()).to.deep.equal({ closed: 0, paid: 0, failed: 0, skipped: 0 });
    afterBackOff();
    world.wechatPay.close = close;
    expect(await batchOfFour.execute()).to.deep.equal({ closed: 4, paid: 0, failed: 0, skipped: 0 });
  });

  it('logs an amount mismatch found by the sweep as an error and leaves the order unpaid', async () => {
    world.wechatPay.reportPaid(paymentOf(order, { amountFen: 1 }));
    world.clock.advance(PAY_TIMEOUT_MS + 1);
    expect(await sweeper.execute()).to.deep.equal({ closed: 0, paid: 0, failed: 1, skipped: 0 });
    expect(await statusOf(world, order)).to.equal(1);
    expect(world.log.about(order.orderNo).map((l) => [l.level, l.fields['reason'] ?? l.message])).to.deep.equal([
      ['error', 'payment refused: the amount is not the order\'s'],
      ['error', 'amount-mismatch'],
    ]);
  });

  it('sweeps only unpaid orders, oldest first, at most a batch', async () => {
    await confirmPaid(world, await placeOrder(world));
    const cancelled = await placeOrder(world);
    await orderingUseCases(world).cancelOrder.execute({ caller: world.callerIn(1), orderNo: cancelled.orderNo });
    world.clock.advance(MINUTE);
    const younger = await prepaid(await placeOrder(world));
    world.wechatPay.calls.length = 0;
    world.clock.advance(PAY_TIMEOUT_MS);
    const { repositories, uow, wechatPay, random, clock, log } = world;
    const oneAtATime = new CloseExpiredOrders(repositories, uow, wechatPay, new PaymentCheck(uow, wechatPay, random, log), settings, clock, log, 1);
    expect(await oneAtATime.execute()).to.deep.equal({ closed: 1, paid: 0, failed: 0, skipped: 0 });
    expect([await statusOf(world, order), await statusOf(world, younger)]).to.deep.equal([3, 1]);
    expect(world.wechatPay.callsOf('query').map((call) => call.outTradeNo)).to.deep.equal([order.orderNo]);
  });
});

