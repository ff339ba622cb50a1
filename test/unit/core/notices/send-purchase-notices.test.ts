import { expect } from 'chai';
import {
  defaultPurchaseNoticePolicy,
  NoticeStatus,
  type Order,
  type PurchaseNoticeMessage,
  type PurchaseNoticePolicy,
  type PurchaseNoticeSender,
  SendPurchaseNotices,
  SmsNotSent,
} from '../../../../core/index.js';
import { notificationOf } from '../../support/in-memory-wechat-pay.js';
import { itemsOf, orderingUseCases, paymentOf, placeOrder } from '../../support/ordering-steps.js';
import { GOODS, MINUTE, type OrderingWorld, orderingWorld, PAY_TIMEOUT_MS, SECOND } from '../../support/ordering-world.js';

/** Records what it sends; fails the next `failures` sends with the given reason. */
class RecordingSender implements PurchaseNoticeSender {
  readonly sent: Array<{ mobile: string; message: PurchaseNoticeMessage }> = [];
  failures = 0;
  failAt: number | null = null;

  async sendPurchaseNotice(mobile: string, message: PurchaseNoticeMessage): Promise<void> {
    await Promise.resolve();
    if (this.failures > 0 || this.failAt === this.sent.length) {
      this.failures = Math.max(0, this.failures - 1);
      this.failAt = null;
      throw new SmsNotSent('LimitExceeded.PhoneNumberDailyLimit');
    }
    this.sent.push({ mobile, message });
  }
}

const POLICY: PurchaseNoticePolicy = { ...defaultPurchaseNoticePolicy, retryDelayMs: 30 * SECOND, maxAttempts: 4 };

describe('purchase notices: queued with the payment, sent by the job', () => {
  let world: OrderingWorld;
  let sender: RecordingSender;
  let job: SendPurchaseNotices;

  beforeEach(async () => {
    world = await orderingWorld();
    sender = new RecordingSender();
    job = new SendPurchaseNotices(world.repositories, sender, world.random, world.clock, POLICY);
  });

  const confirm = (order: Order) =>
    orderingUseCases(world).confirmPayment.execute({ operId: order.operId, notification: notificationOf(paymentOf(order)) });
  const noticeOf = (order: Order) => world.repositories.purchaseNotices.findByOrder(order.id);
  const codesOf = async (order: Order) => (await itemsOf(world, order)).map((item) => item.verifyCode);

  it('queues one pending notice to the buyer’s mobile in the payment’s transaction, however often the payment is reported', async () => {
    const order = await placeOrder(world, { number: 2 });
    expect(order.notifyMobile).to.equal(world.alice.mobile);
    expect(await noticeOf(order)).to.equal(null);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => confirm(order)));
    expect(outcomes.filter((o) => o === 'recorded')).to.have.length(1);
    expect(await noticeOf(order)).to.deep.include({
      orderNo: order.orderNo, mobile: '13800000001', status: NoticeStatus.Pending, attempts: 0, sentParts: 0, sentAt: null, lastError: null,
    });
  });

  it('queues the notice too when the payment is found by a query instead of a notification', async () => {
    const order = await placeOrder(world, { caller: world.callerIn(1) });
    world.wechatPay.reportPaid(paymentOf(order));
    world.clock.advance(PAY_TIMEOUT_MS + MINUTE);
    expect(await orderingUseCases(world).closeExpiredOrders.execute()).to.include({ paid: 1 });
    await job.execute();
    expect(sender.sent.map((s) => s.message.verifyCode)).to.deep.equal(await codesOf(order));
  });

  it('goes to the notify_mobile the buyer named', async () => {
    const { order } = await orderingUseCases(world).buyGoods.execute({
      caller: world.callerIn(2), goodsId: GOODS.onShelf, number: 1, notifyMobile: '13912345678',
    });
    await confirm(order);
    await job.execute();
    expect(sender.sent.map((s) => s.mobile)).to.deep.equal(['13912345678']);
  });

  it('queues nothing when the payment is not recorded', async () => {
    const order = await placeOrder(world);
    expect(await orderingUseCases(world).confirmPayment.execute({
      operId: order.operId, notification: notificationOf(paymentOf(order, { amountFen: 1 })),
    })).to.equal('amount-mismatch');
    expect(await noticeOf(order)).to.equal(null);
  });

  it('sends the template’s parameters once, one message per code, and marks the notice sent', async () => {
    const order = await placeOrder(world, { number: 2 });
    await confirm(order);
    const [attempt] = await job.execute();
    expect(attempt).to.deep.equal({ orderNo: order.orderNo, outcome: 'sent', sentParts: 2, parts: 2, attempts: 1 });
    const short = `${order.orderNo.slice(0, 6)}${order.orderNo.slice(-6)}`;
    expect(sender.sent).to.deep.equal((await codesOf(order)).map((code) => ({
      mobile: '13800000001',
      message: { orderNo: short, name: `双人套餐${GOODS.onShelf}`, number: '2', endDate: '2026-12-31', verifyCode: code },
    })));
    expect(await noticeOf(order)).to.deep.include({ status: NoticeStatus.Sent, attempts: 1, sentParts: 2, sentAt: world.clock.now() });
    world.clock.advance(60 * MINUTE);
    expect(await job.execute()).to.deep.equal([]);
    expect(sender.sent).to.have.length(2);
  });

  it('retries a refused SMS after a growing delay until it is sent, leaving the payment as it was', async () => {
    const order = await placeOrder(world);
    await confirm(order);
    const paid = await world.repositories.orders.findById(order.id);
    const codes = await codesOf(order);
    sender.failures = 2;
    expect((await job.execute()).map((a) => a.outcome)).to.deep.equal(['retry']);
    expect(await noticeOf(order)).to.deep.include({ status: NoticeStatus.Pending, attempts: 1, lastError: 'LimitExceeded.PhoneNumberDailyLimit' });
    world.clock.advance(30 * SECOND - 1);
    expect(await job.execute()).to.deep.equal([]);
    world.clock.advance(1);
    expect((await job.execute()).map((a) => a.outcome)).to.deep.equal(['retry']);
    world.clock.advance(60 * SECOND - 1);
    expect(await job.execute()).to.deep.equal([]);
    world.clock.advance(1);
    expect((await job.execute()).map((a) => a.outcome)).to.deep.equal(['sent']);
    expect(sender.sent).to.have.length(1);
    expect(await noticeOf(order)).to.deep.include({ status: NoticeStatus.Sent, attempts: 3, lastError: null });
    expect(await world.repositories.orders.findById(order.id)).to.deep.equal(paid);
    expect(await codesOf(order)).to.deep.equal(codes);
  });

  it('gives a notice up after the last attempt, and says so', async () => {
    const order = await placeOrder(world);
    await confirm(order);
    sender.failures = 99;
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      outcomes.push(...(await job.execute()).map((a) => a.outcome));
      world.clock.advance(60 * MINUTE);
    }
    expect(outcomes).to.deep.equal(['retry', 'retry', 'retry', 'failed']);
    expect(await noticeOf(order)).to.deep.include({ status: NoticeStatus.Failed, attempts: 4 });
    expect(sender.sent).to.deep.equal([]);
  });

  it('resumes a notice of several messages at the first one not sent', async () => {
    const order = await placeOrder(world, { number: 3 });
    await confirm(order);
    sender.failAt = 1;
    expect((await job.execute())[0]).to.include({ outcome: 'retry', sentParts: 1, parts: 3 });
    world.clock.advance(30 * SECOND);
    expect((await job.execute())[0]).to.include({ outcome: 'sent', sentParts: 3, parts: 3 });
    expect(sender.sent.map((s) => s.message.verifyCode)).to.deep.equal(await codesOf(order));
  });

  it('sends each notice once when several instances run the job at the same moment', async () => {
    const orders = [];
    for (let i = 0; i < 4; i += 1) {
      const order = await placeOrder(world, { number: 2 });
      await confirm(order);
      orders.push(order);
    }
    const jobs = Array.from({ length: 3 }, () => new SendPurchaseNotices(world.repositories, sender, world.random, world.clock, POLICY));
    const runs = await Promise.all(jobs.map((each) => each.execute()));
    expect(runs.flat().filter((a) => a.outcome === 'sent')).to.have.length(4);
    const codes = (await Promise.all(orders.map(codesOf))).flat();
    expect(sender.sent.map((s) => s.message.verifyCode).sort()).to.deep.equal([...codes].sort());
  });

  it('lets another instance take over a notice whose attempt died, once its lease is over', async () => {
    const order = await placeOrder(world);
    await confirm(order);
    const notice = (await noticeOf(order))!;
    const now = world.clock.now();
    expect(await world.repositories.purchaseNotices.claim(notice.id, 0, 'dead-instance', now, new Date(now.getTime() + POLICY.leaseMs))).to.equal(true);
    expect(await job.execute()).to.deep.equal([]);
    world.clock.advance(POLICY.leaseMs);
    expect((await job.execute()).map((a) => a.outcome)).to.deep.equal(['sent']);
    expect(await world.repositories.purchaseNotices.markSent(notice.id, 'dead-instance', world.clock.now())).to.equal(false);
    expect(await noticeOf(order)).to.deep.include({ status: NoticeStatus.Sent, attempts: 2 });
  });
});
