import { expect } from 'chai';
import { CHECK_SCHEDULE, type Order } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { notificationOf } from '../../support/in-memory-wechat-pay.js';
import { goodsOf, itemsOf, orderingUseCases, paymentOf, placeOrder, statusOf } from '../../support/ordering-steps.js';
import { GOODS, MINUTE, type OrderingWorld, orderingWorld, PAY_TIMEOUT_MS, SECOND } from '../../support/ordering-world.js';

/** Whatever a notification does, a query does too: lost notifications are found by reads and by the job. */
describe('reconciliation with WeChat Pay', () => {
  let world: OrderingWorld;
  let useCases: ReturnType<typeof orderingUseCases>;
  let order: Order;

  beforeEach(async () => {
    world = await orderingWorld();
    useCases = orderingUseCases(world);
    // Bought in its own mini program: a prepay was asked for, WeChat may take the money.
    order = (await useCases.buyGoods.execute({ caller: world.callerIn(1), goodsId: GOODS.limited, number: 2, notifyMobile: null })).order;
    world.wechatPay.calls.length = 0;
  });

  const caller = () => world.callerIn(1);
  const detail = () => useCases.getOrderDetail.execute({ caller: caller(), orderNo: order.orderNo });
  const payLost = () => world.wechatPay.reportPaid(paymentOf(order));

  describe('the reads of the user', () => {
    it('/order/detail finds a payment whose notification was lost, and records it as the notification would', async () => {
      payLost();
      const shown = await detail();
      expect(shown.order).to.deep.include({ status: 4, transactionId: paymentOf(order).transactionId });
      expect(shown.items).to.have.length(2);
      expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
      expect(await useCases.confirmPayment.execute({ operId: 1, notification: notificationOf(paymentOf(order)) })).to.equal('already-recorded');
    });

    it('queries one order at most once per 5 s, however many reads', async () => {
      await Promise.all([detail(), detail(), detail()]);
      world.clock.advance(CHECK_SCHEDULE.readGapMs - 1);
      await detail();
      expect(world.wechatPay.callsOf('query')).to.have.length(1);
      world.clock.advance(1);
      await detail();
      expect(world.wechatPay.callsOf('query')).to.have.length(2);
    });

    it('/order/pay finds the lost payment and answers 50002 instead of asking a second payment', async () => {
      payLost();
      await domainErrorOf(useCases.payOrder.execute({ caller: caller(), orderNo: order.orderNo }), 50002);
      expect(await statusOf(world, order)).to.equal(4);
      expect(world.wechatPay.callsOf('prepay')).to.deep.equal([]);
    });

    it('/order/pay records the payment and answers 50002 when WeChat refuses the prepay as paid (a check under way elsewhere)', async () => {
      await world.repositories.orders.claimReadCheck(order.id, world.clock.now(), world.clock.now());
      payLost();
      await domainErrorOf(useCases.payOrder.execute({ caller: caller(), orderNo: order.orderNo }), 50002);
      expect(world.wechatPay.callsOf('query')).to.have.length(1);
      expect(await statusOf(world, order)).to.equal(4);
    });

    it('/order/pay answers 70012 when the query fails, asking no prepay', async () => {
      world.wechatPay.failing.add('query');
      await domainErrorOf(useCases.payOrder.execute({ caller: caller(), orderNo: order.orderNo }), 70012);
      expect(world.wechatPay.callsOf('prepay')).to.deep.equal([]);
    });

    it('/order/detail shows the order as stored when the query fails', async () => {
      payLost();
      world.wechatPay.failing.add('query');
      expect((await detail()).order.status).to.equal(1);
      world.wechatPay.failing.clear();
      world.clock.advance(CHECK_SCHEDULE.readGapMs);
      expect((await detail()).order.status).to.equal(4);
    });

    it('does not query an order whose payment was never asked for', async () => {
      const bridged = await placeOrder(world);
      await useCases.getOrderDetail.execute({ caller: caller(), orderNo: bridged.orderNo });
      expect(world.wechatPay.callsOf('query')).to.deep.equal([]);
    });
  });

  describe('/order/cancel', () => {
    it('records the payment and answers 50002 when closing finds the order paid (ORDER_PAID)', async () => {
      payLost();
      await domainErrorOf(useCases.cancelOrder.execute({ caller: caller(), orderNo: order.orderNo }), 50002);
      expect(await statusOf(world, order)).to.equal(4);
      expect(await itemsOf(world, order)).to.have.length(2);
      expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
    });
  });

  describe('the job', () => {
    it('finds a lost payment at its first check, not before', async () => {
      payLost();
      expect(await useCases.reconcile.execute()).to.deep.include({ ordersChecked: 0 });
      world.clock.advance(CHECK_SCHEDULE.firstMs);
      expect(await useCases.reconcile.execute()).to.deep.equal({ ordersChecked: 1, paid: 1, refundsChecked: 0, refundsSettled: 0, failed: 0 });
      expect(await statusOf(world, order)).to.equal(4);
    });

    it('checks an unpaid order at doubling intervals, never past its pay deadline, and leaves it to the sweep then', async () => {
      const checkedAt: number[] = [];
      for (let second = 0; second <= PAY_TIMEOUT_MS / SECOND + 60; second += 5) {
        if ((await useCases.reconcile.execute()).ordersChecked === 1) checkedAt.push(second);
        world.clock.advance(5 * SECOND);
      }
      const gaps = checkedAt.slice(1).map((at, i) => at - checkedAt[i]!);
      expect(checkedAt[0]).to.equal(CHECK_SCHEDULE.firstMs / SECOND);
      expect(gaps.slice(0, 5)).to.deep.equal([10, 20, 40, 80, 160]);
      expect(Math.max(...gaps)).to.be.at.most(CHECK_SCHEDULE.maxOrderGapMs / SECOND);
      expect(checkedAt.at(-1)).to.be.at.most(PAY_TIMEOUT_MS / SECOND);
      expect(await statusOf(world, order)).to.equal(1);
    });

    it('checks each order once when two instances reconcile at the same time', async () => {
      const second = (await useCases.buyGoods.execute({ caller: caller(), goodsId: GOODS.onShelf, number: 1, notifyMobile: null })).order;
      payLost();
      world.wechatPay.reportPaid(paymentOf(second));
      world.clock.advance(CHECK_SCHEDULE.firstMs);
      const other = orderingUseCases(world).reconcile;
      const results = await Promise.all([useCases.reconcile.execute(), other.execute(), useCases.reconcile.execute()]);
      expect(results.reduce((n, r) => n + r.ordersChecked, 0)).to.equal(2);
      expect(results.reduce((n, r) => n + r.paid, 0)).to.equal(2);
      expect(world.wechatPay.callsOf('query')).to.have.length(2);
      expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
    });

    it('records a payment once when its notification races the job and a read', async () => {
      payLost();
      world.clock.advance(CHECK_SCHEDULE.firstMs);
      const outcomes = await Promise.all([
        useCases.confirmPayment.execute({ operId: 1, notification: notificationOf(paymentOf(order)) }),
        useCases.reconcile.execute(),
        detail(),
        useCases.confirmPayment.execute({ operId: 1, notification: notificationOf(paymentOf(order)) }),
      ]);
      expect(outcomes.filter((o) => o === 'recorded').length).to.be.at.most(1);
      expect(await itemsOf(world, order)).to.have.length(2);
      expect(await goodsOf(world, GOODS.limited)).to.deep.equal({ stock: 1, sellNumber: 2 });
    });

    it('counts and logs a check that fails, with the order number, and tries again later', async () => {
      world.wechatPay.failing.add('query');
      world.clock.advance(CHECK_SCHEDULE.firstMs);
      expect(await useCases.reconcile.execute()).to.deep.include({ ordersChecked: 1, failed: 1 });
      expect(world.log.about(order.orderNo).map((l) => [l.level, l.fields['code']])).to.deep.equal([['warn', 70012]]);
      world.wechatPay.failing.clear();
      payLost();
      expect(await useCases.reconcile.execute()).to.deep.include({ ordersChecked: 0 });
      world.clock.advance(2 * CHECK_SCHEDULE.firstMs);
      expect(await useCases.reconcile.execute()).to.deep.include({ ordersChecked: 1, paid: 1 });
    });

    it('backs off an order it cannot check (its oper has no WeChat Pay) instead of picking it again each run', async () => {
      const local = await placeOrder(world, { goodsId: GOODS.ofOper2, caller: world.callerIn(3) });
      await world.repositories.orders.markPrepaid(local.id, local.createdAt, local.createdAt);
      expect(await useCases.reconcile.execute()).to.deep.include({ ordersChecked: 0, failed: 0 });
      expect(await world.repositories.orders.findPrepaidToCheck(local.createdAt, world.clock.now(), 10)).to.deep.equal([]);
    });

    it('reports a refund still processing after a day as an error for a person, and keeps checking it', async () => {
      payLost();
      await detail();
      const refund = await useCases.refundOrder.execute({ caller: caller(), orderNo: order.orderNo });
      world.clock.advance(CHECK_SCHEDULE.refundPatienceMs);
      expect(await useCases.reconcile.execute()).to.deep.include({ refundsChecked: 1, refundsSettled: 0 });
      expect(world.log.about(order.orderNo).map((l) => [l.level, l.fields['outRefundNo']])).to.deep.equal([['error', refund.outRefundNo]]);
      world.wechatPay.endRefund(refund.outRefundNo, 'SUCCESS');
      world.clock.advance(CHECK_SCHEDULE.maxRefundGapMs);
      expect(await useCases.reconcile.execute()).to.deep.include({ refundsChecked: 1, refundsSettled: 1 });
      expect((await world.repositories.refunds.latestOf(order.id))?.status).to.equal(2);
      world.clock.advance(MINUTE);
    });
  });

  describe('a pass of everything (the CLI\'s reconcile)', () => {
    it('checks every unsettled order and refund now, whatever its schedule, except what was checked in the last 5 s', async () => {
      payLost();
      expect(await useCases.reconcile.execute('due')).to.deep.include({ ordersChecked: 0 });
      expect(await useCases.reconcile.execute('all')).to.deep.equal({ ordersChecked: 1, paid: 1, refundsChecked: 0, refundsSettled: 0, failed: 0 });
      expect(await statusOf(world, order)).to.equal(4);

      const refund = await useCases.refundOrder.execute({ caller: caller(), orderNo: order.orderNo });
      expect(await useCases.reconcile.execute('all')).to.deep.include({ refundsChecked: 1, refundsSettled: 0 });
      world.wechatPay.endRefund(refund.outRefundNo, 'SUCCESS');
      expect(await useCases.reconcile.execute('all')).to.deep.include({ refundsChecked: 0 });
      world.clock.advance(CHECK_SCHEDULE.readGapMs);
      expect(await useCases.reconcile.execute('all')).to.deep.include({ refundsChecked: 1, refundsSettled: 1 });
      expect((await world.repositories.refunds.latestOf(order.id))?.status).to.equal(2);
    });

    it('checks each order once when passes of everything race each other and the job', async () => {
      const second = (await useCases.buyGoods.execute({ caller: caller(), goodsId: GOODS.onShelf, number: 1, notifyMobile: null })).order;
      payLost();
      world.wechatPay.reportPaid(paymentOf(second));
      world.clock.advance(CHECK_SCHEDULE.firstMs);
      const other = orderingUseCases(world).reconcile;
      const results = await Promise.all([useCases.reconcile.execute('all'), other.execute('all'), useCases.reconcile.execute('due'), other.execute('all')]);
      expect(results.reduce((n, r) => n + r.ordersChecked, 0)).to.equal(2);
      expect(results.reduce((n, r) => n + r.paid, 0)).to.equal(2);
      expect(world.wechatPay.callsOf('query')).to.have.length(2);
    });
  });
});
