import { expect } from 'chai';
import { type Order, type OrderItem, type RefundNotice, RefundRefused } from '../../../../core/index.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { notificationOf } from '../../support/in-memory-wechat-pay.js';
import { itemsOf, orderingUseCases, paidOrder, settled } from '../../support/ordering-steps.js';
import { CHECK_SCHEDULE } from '../../../../core/index.js';
import { MERCHANT, MINUTE, type OrderingWorld, orderingWorld, PRICE, START } from '../../support/ordering-world.js';

/** A refund that fails, whichever way it is learnt, gives the user back everything it took. */
describe('failed refunds', () => {
  let world: OrderingWorld;
  let order: Order;
  let items: OrderItem[];
  let useCases: ReturnType<typeof orderingUseCases>;

  beforeEach(async () => {
    world = await orderingWorld();
    useCases = orderingUseCases(world);
    ({ order, items } = await paidOrder(world, undefined, 3));
    world.clock.advance(10 * MINUTE);
  });

  const caller = () => world.callerIn(1);
  const refund = () => useCases.refundOrder.execute({ caller: caller(), orderNo: order.orderNo });
  const detail = () => useCases.getOrderDetail.execute({ caller: caller(), orderNo: order.orderNo });
  const redeem = (item: OrderItem) => useCases.redeemCode.execute({ verifyCode: item.verifyCode, merchantId: MERCHANT.shop });
  const stored = async () => (await world.repositories.orders.findById(order.id))!;
  const itemStatuses = async () => (await itemsOf(world, order)).map((item) => item.status);
  const attempts = () => world.repositories.refunds.listOf(order.id);
  const noticeOf = (outRefundNo: string, overrides: Partial<RefundNotice> = {}): RefundNotice => ({
    outTradeNo: order.orderNo, outRefundNo, refundId: 'wx-refund-1', state: 'FAILED', refundFen: 3 * PRICE, ...overrides,
  });
  const notify = (notice: RefundNotice) => useCases.confirmRefund.execute({ operId: 1, notification: notificationOf(notice) });

  /** Paid with its codes unused and nothing refunded: all the refund took was given back. */
  async function expectGivenBack(): Promise<void> {
    expect(await stored()).to.deep.equal({ ...order, status: 4, refundPrice: null, refundTime: null });
    expect(await itemStatuses()).to.deep.equal([1, 1, 1]);
  }

  it('refused by WeChat at once: the attempt is kept failed, the order untouched, logged at warn', async () => {
    world.wechatPay.refusingRefunds = 'NOT_ENOUGH';
    expect(await refund()).to.deep.include({ attempt: 1, outRefundNo: `${order.orderNo}R1`, status: 3, refundId: null });
    await expectGivenBack();
    expect(world.log.about(order.orderNo).map((l) => [l.level, l.message])).to.deep.equal([
      ['warn', 'refund refused by WeChat Pay'],
      ['warn', 'refund failed: the order is paid again with its codes unused'],
    ]);
  });

  it('does not end an attempt WeChat refuses on a retry when a query finds WeChat holds its refund', async () => {
    world.wechatPay.losingAnswers.add('refund');
    await domainErrorOf(refund(), 70012); // WeChat made the refund; its answer was lost
    world.wechatPay.losingAnswers.clear();
    world.wechatPay.refund = async () => {
      throw new RefundRefused('INVALID_REQUEST');
    };
    expect(await refund()).to.deep.include({ attempt: 1, status: 1, refundId: 'wx-refund-1' });
    expect(await stored()).to.deep.include({ status: 6, refundPrice: 3 * PRICE });
    expect(await itemStatuses()).to.deep.equal([3, 3, 3]);
  });

  it('ABNORMAL in a notification: order 6 → 4, codes 3 → 1, refund_price and refund_time cleared', async () => {
    const first = await refund();
    expect(await stored()).to.deep.include({ status: 6, refundPrice: 3 * PRICE });
    expect(await itemStatuses()).to.deep.equal([3, 3, 3]);
    expect(await notify(noticeOf(first.outRefundNo))).to.equal('settled');
    await expectGivenBack();
    expect((await attempts()).map((r) => r.status)).to.deep.equal([3]);
    expect(world.log.about(order.orderNo).map((l) => [l.level, l.fields['source']])).to.deep.equal([['warn', 'notification']]);
  });

  it('CLOSED found by the query of /order/detail gives everything back', async () => {
    const first = await refund();
    world.wechatPay.endRefund(first.outRefundNo, 'FAILED');
    const shown = await detail();
    expect(shown.order).to.deep.include({ status: 4, refundPrice: null, refundTime: null });
    expect(shown.refunds.map((r) => [r.attempt, r.status])).to.deep.equal([[1, 3]]);
    await expectGivenBack();
  });

  it('CLOSED found by the reconciliation gives everything back', async () => {
    const first = await refund();
    world.wechatPay.endRefund(first.outRefundNo, 'FAILED');
    world.clock.advance(CHECK_SCHEDULE.firstMs);
    expect(await useCases.reconcile.execute()).to.deep.include({ refundsChecked: 1, refundsSettled: 1, failed: 0 });
    await expectGivenBack();
  });

  for (const how of ['refused', 'notification', 'query'] as const) {
    it(`after a failure learnt by ${how}, a new attempt with a new out_refund_no refunds the order`, async () => {
      if (how === 'refused') {
        world.wechatPay.refusingRefunds = 'NOT_ENOUGH';
        await refund();
        world.wechatPay.refusingRefunds = null;
      } else {
        const first = await refund();
        if (how === 'notification') await notify(noticeOf(first.outRefundNo));
        else {
          world.wechatPay.endRefund(first.outRefundNo, 'FAILED');
          await detail();
        }
      }
      world.clock.advance(MINUTE);
      const second = await refund();
      expect(second).to.deep.include({ attempt: 2, outRefundNo: `${order.orderNo}R2`, status: 1, amount: 3 * PRICE });
      expect(await stored()).to.deep.include({ status: 6, refundPrice: 3 * PRICE });
      expect(await itemStatuses()).to.deep.equal([3, 3, 3]);
      expect((await attempts()).map((r) => [r.attempt, r.status])).to.deep.equal([[2, 1], [1, 3]]);
      expect(world.wechatPay.callsOf('refund').map((c) => c.request.outRefundNo).at(-1)).to.equal(`${order.orderNo}R2`);
    });
  }

  it('lets codes given back be redeemed, and refunds only the unused ones next time', async () => {
    const first = await refund();
    await domainErrorOf(redeem(items[0]!), 50002);
    await notify(noticeOf(first.outRefundNo));
    await redeem(items[0]!);
    const second = await refund();
    expect(second).to.deep.include({ attempt: 2, amount: 2 * PRICE });
    expect(await itemStatuses()).to.deep.equal([2, 3, 3]);
  });

  it('refuses a refund notice whose amount is not the attempt\'s, changing nothing, logged at error', async () => {
    const first = await refund();
    expect(await notify(noticeOf(first.outRefundNo, { refundFen: 1 }))).to.equal('amount-mismatch');
    expect(await stored()).to.deep.include({ status: 6 });
    expect((await attempts()).map((r) => r.status)).to.deep.equal([1]);
    expect(world.log.about(order.orderNo).map((l) => l.level)).to.deep.equal(['error']);
  });

  it('keeps a failure final: a later SUCCESS changes nothing and is logged as an error for a person', async () => {
    const first = await refund();
    await notify(noticeOf(first.outRefundNo));
    expect(await notify(noticeOf(first.outRefundNo, { state: 'SUCCESS' }))).to.equal('already-settled');
    await expectGivenBack();
    expect(world.log.about(order.orderNo).map((l) => l.level)).to.deep.equal(['warn', 'error']);
  });

  it('makes one new attempt under 10 parallel taps after a failure, paying once', async () => {
    const first = await refund();
    await notify(noticeOf(first.outRefundNo));
    const { values, codes } = await settled(Array.from({ length: 10 }, () => refund()));
    expect(values.length).to.be.greaterThan(0);
    for (const code of codes) expect(code).to.equal(50002);
    expect(new Set(values.map((v) => v.outRefundNo))).to.deep.equal(new Set([`${order.orderNo}R2`]));
    expect((await attempts()).map((r) => r.attempt)).to.deep.equal([2, 1]);
    expect([...world.wechatPay.refunds.keys()]).to.deep.equal([`${order.orderNo}R1`, `${order.orderNo}R2`]);
    expect(await stored()).to.deep.include({ status: 6, refundPrice: 3 * PRICE });
  });

  it('settles once when a failure notification races queries of detail and the reconciliation', async () => {
    const first = await refund();
    world.wechatPay.endRefund(first.outRefundNo, 'FAILED');
    world.clock.advance(CHECK_SCHEDULE.firstMs);
    const outcomes = await Promise.all([
      notify(noticeOf(first.outRefundNo)),
      detail().then(() => 'detail'),
      useCases.reconcile.execute().then(() => 'reconciled'),
      notify(noticeOf(first.outRefundNo)),
    ]);
    expect(outcomes.filter((o) => o === 'settled').length).to.be.at.most(1);
    await expectGivenBack();
    expect(world.log.about(order.orderNo).filter((l) => l.message.startsWith('refund failed'))).to.have.length(1);
  });

  it('retries an attempt whose call failed with the same number, and the reconciliation sends one WeChat never got', async () => {
    world.wechatPay.failing.add('refund');
    await domainErrorOf(refund(), 70012);
    expect(await stored()).to.deep.include({ status: 4 });
    world.wechatPay.failing.clear();
    world.clock.advance(CHECK_SCHEDULE.firstMs);
    expect(await useCases.reconcile.execute()).to.deep.include({ refundsChecked: 1, refundsSettled: 1 });
    expect(world.wechatPay.callsOf('refund').map((c) => c.request.outRefundNo)).to.deep.equal([`${order.orderNo}R1`, `${order.orderNo}R1`]);
    expect(world.wechatPay.refunds.size).to.equal(1);
    expect(await stored()).to.deep.include({ status: 6 });
    expect(START.getTime()).to.be.below((await stored()).refundTime!.getTime());
  });
});
