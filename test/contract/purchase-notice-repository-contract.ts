import { expect } from 'chai';
import { NoticeStatus, type Order } from '../../core/index.js';
import { after, HOUR, inParallel, MINUTE, T0 } from './fixtures.js';
import { anOrder, aUser, orderNo } from './order-fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The PurchaseNoticeRepository port: one notice per order, claimed by one attempt at a time. */
export function describePurchaseNoticeRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`PurchaseNoticeRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const notices = () => context().repositories.purchaseNotices;
    const LEASE = after(10 * MINUTE);

    async function anOrderOf(n = 1): Promise<Order> {
      return context().repositories.orders.add(anOrder(await aUser(context(), n), { orderNo: orderNo(n) }));
    }
    async function queued(n = 1, createdAt = T0): Promise<{ order: Order; id: number }> {
      const order = await anOrderOf(n);
      expect(await notices().add({ orderId: order.id, orderNo: order.orderNo, mobile: '13800138000', createdAt })).to.equal(true);
      return { order, id: (await notices().findByOrder(order.id))!.id };
    }

    it('queues a pending notice due at once and reads every field back', async () => {
      const order = await anOrderOf();
      expect(await notices().findByOrder(order.id)).to.equal(null);
      await notices().add({ orderId: order.id, orderNo: order.orderNo, mobile: '13800138000', createdAt: T0 });
      const notice = await notices().findByOrder(order.id);
      expect(notice).to.deep.equal({
        id: notice!.id, orderId: order.id, orderNo: order.orderNo, mobile: '13800138000', status: NoticeStatus.Pending,
        attempts: 0, sentParts: 0, nextAttemptAt: T0, lastError: null, createdAt: T0, sentAt: null,
      });
    });

    it('keeps one notice per order, even when queued in parallel', async () => {
      const order = await anOrderOf();
      const added = await inParallel(5, () => notices().add({ orderId: order.id, orderNo: order.orderNo, mobile: '13900000000', createdAt: T0 }));
      expect(added.filter(Boolean)).to.have.length(1);
    });

    it('finds the pending notices due, earliest first, at most the limit', async () => {
      const late = await queued(1, after(2 * MINUTE));
      const early = await queued(2, after(MINUTE));
      await queued(3, after(HOUR));
      expect((await notices().findDue(after(2 * MINUTE), 10)).map((n) => n.id)).to.deep.equal([early.id, late.id]);
      expect((await notices().findDue(after(2 * MINUTE), 1)).map((n) => n.id)).to.deep.equal([early.id]);
      expect(await notices().findDue(T0, 10)).to.deep.equal([]);
    });

    it('lets one of several parallel claims of a notice win, and hides it until its lease ends', async () => {
      const { id } = await queued();
      const won = await inParallel(6, (i) => notices().claim(id, 0, `token-${i}`, T0, LEASE));
      expect(won.filter(Boolean)).to.have.length(1);
      expect(await notices().findDue(after(10 * MINUTE - 1), 10)).to.deep.equal([]);
      const [relieved] = await notices().findDue(LEASE, 10);
      expect(relieved).to.deep.include({ id, attempts: 1, nextAttemptAt: LEASE });
      expect(await notices().claim(id, 0, 'stale-read', LEASE, after(20 * MINUTE))).to.equal(false);
      expect(await notices().claim(id, 1, 'next', LEASE, after(20 * MINUTE))).to.equal(true);
    });

    it('records progress, success and failure only under the claim that holds it', async () => {
      const { order, id } = await queued();
      expect(await notices().claim(id, 0, 'mine', T0, LEASE)).to.equal(true);
      expect(await notices().recordProgress(id, 'other', 1, after(1))).to.equal(false);
      expect(await notices().recordProgress(id, 'mine', 2, after(1))).to.equal(true);
      expect(await notices().markAttemptFailed(id, 'mine', 'x'.repeat(300), after(MINUTE), after(2))).to.equal(true);
      expect(await notices().findByOrder(order.id)).to.deep.include({
        status: NoticeStatus.Pending, attempts: 1, sentParts: 2, nextAttemptAt: after(MINUTE), lastError: 'x'.repeat(100),
      });
      expect(await notices().markSent(id, 'mine', after(3))).to.equal(false);
      expect(await notices().claim(id, 1, 'again', after(MINUTE), LEASE)).to.equal(true);
      expect(await notices().markSent(id, 'again', after(MINUTE + 5))).to.equal(true);
      expect(await notices().findByOrder(order.id)).to.deep.include({ status: NoticeStatus.Sent, attempts: 2, lastError: null, sentAt: after(MINUTE + 5) });
      expect(await notices().findDue(after(HOUR), 10)).to.deep.equal([]);
      expect(await notices().claim(id, 2, 'late', after(HOUR), after(2 * HOUR))).to.equal(false);
    });

    it('gives a notice up when a failure names no retry', async () => {
      const { order, id } = await queued();
      await notices().claim(id, 0, 'mine', T0, LEASE);
      expect(await notices().markAttemptFailed(id, 'mine', 'FailedOperation.PhoneNumberInBlacklist', null, after(1))).to.equal(true);
      expect(await notices().findByOrder(order.id)).to.deep.include({ status: NoticeStatus.Failed, lastError: 'FailedOperation.PhoneNumberInBlacklist' });
      expect(await notices().findDue(after(HOUR), 10)).to.deep.equal([]);
    });
  });
}
