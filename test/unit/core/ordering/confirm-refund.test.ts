import { expect } from 'chai';
import type { ConfirmRefund, Refund, RefundNotice } from '../../../../core/index.js';
import { notificationOf } from '../../support/in-memory-wechat-pay.js';
import { orderingUseCases, paidOrder } from '../../support/ordering-steps.js';
import { MINUTE, type OrderingWorld, orderingWorld, PRICE, START } from '../../support/ordering-world.js';

describe('ConfirmRefund', () => {
  let world: OrderingWorld;
  let confirmRefund: ConfirmRefund;
  let refund: Refund;

  beforeEach(async () => {
    world = await orderingWorld();
    confirmRefund = orderingUseCases(world).confirmRefund;
    const { order } = await paidOrder(world, undefined, 2);
    refund = await orderingUseCases(world).refundOrder.execute({ caller: world.callerIn(1), orderNo: order.orderNo });
    world.clock.advance(5 * MINUTE);
  });

  const noticeOf = (overrides: Partial<RefundNotice> = {}): RefundNotice => ({
    outTradeNo: refund.orderNo, outRefundNo: refund.outRefundNo, refundId: 'wx-refund-1', state: 'SUCCESS', refundFen: 2 * PRICE, ...overrides,
  });
  const confirm = (notice = noticeOf(), { operId = 1, forged = false } = {}) =>
    confirmRefund.execute({ operId, notification: notificationOf(notice, { forged }) });
  const stored = () => world.repositories.refunds.latestOf(refund.orderId);
  const later = () => new Date(START.getTime() + 5 * MINUTE);

  it('starts from a processing refund', () => {
    expect(refund).to.deep.include({ status: 1, refundId: 'wx-refund-1' });
  });

  it('settles a processing refund as succeeded, once', async () => {
    expect(await confirm()).to.equal('settled');
    expect(await stored()).to.deep.equal({ ...refund, status: 2, updatedAt: later() });
    world.clock.advance(MINUTE);
    expect(await confirm()).to.equal('already-settled');
    expect(await confirm(noticeOf({ state: 'FAILED' }))).to.equal('already-settled');
    expect(await stored()).to.deep.equal({ ...refund, status: 2, updatedAt: later() });
  });

  it('settles a processing refund as failed, once', async () => {
    expect(await confirm(noticeOf({ state: 'FAILED' }))).to.equal('settled');
    expect(await stored()).to.deep.equal({ ...refund, status: 3, updatedAt: later() });
    expect(await confirm()).to.equal('already-settled');
    expect((await stored())?.status).to.equal(3);
  });

  it('settles once under 10 notices in parallel', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => confirm()));
    expect([...outcomes].sort()).to.deep.equal([...Array<string>(9).fill('already-settled'), 'settled']);
    expect((await stored())?.status).to.equal(2);
  });

  it('leaves a refund processing on a PROCESSING notice', async () => {
    expect(await confirm(noticeOf({ state: 'PROCESSING' }))).to.equal('already-settled');
    expect(await stored()).to.deep.equal(refund);
  });

  it('reports an unknown out_refund_no', async () => {
    expect(await confirm(noticeOf({ outRefundNo: '202611281000009999999999R' }))).to.equal('unknown-refund');
    expect(await stored()).to.deep.equal(refund);
  });

  it('reports as unknown the refund of another oper, changing nothing', async () => {
    expect(await confirm(noticeOf(), { operId: 3 })).to.equal('unknown-refund');
    expect(await stored()).to.deep.equal(refund);
  });

  it('rejects a notification that fails verification, or for an oper without WeChat Pay', async () => {
    expect(await confirm(noticeOf(), { forged: true })).to.equal('rejected');
    expect(await confirm(noticeOf(), { operId: 2 })).to.equal('rejected');
    expect(await confirm(noticeOf(), { operId: 99 })).to.equal('rejected');
    expect(await stored()).to.deep.equal(refund);
  });
});
