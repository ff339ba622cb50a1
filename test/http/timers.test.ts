import { expect } from 'chai';
import { pino } from 'pino';
import sinon from 'sinon';
import { AppMetrics } from '../../apps/http/operations/app-metrics.js';
import { timers } from '../../apps/http/timers.js';
import { defaultPurchaseNoticePolicy, PurgeExpired, type PurchaseNoticeSender, SendPurchaseNotices } from '../../core/index.js';
import { orderingUseCases } from '../unit/support/ordering-steps.js';
import { orderingWorld } from '../unit/support/ordering-world.js';

const SCHEDULE = { orderSweepMs: 1000, reconcileMs: 2000, housekeepingMs: 3000, noticePollMs: 500 };
const JOBS = ['order-sweep', 'reconcile', 'housekeeping', 'purchase-notices'] as const;

const unusedSender: PurchaseNoticeSender = {
  async sendPurchaseNotice() {
    throw new Error('no notice is queued in this test');
  },
};

async function runsOf(metrics: AppMetrics): Promise<Record<(typeof JOBS)[number], number>> {
  const { text } = await metrics.render();
  const count = (job: string) => {
    const found = text.split('\n').find((l) => l.startsWith('o2o_job_runs_total{') && l.includes(`job="${job}"`) && l.includes('outcome="ok"'));
    return found === undefined ? 0 : Number(found.slice(found.lastIndexOf(' ') + 1));
  };
  return { 'order-sweep': count('order-sweep'), reconcile: count('reconcile'), housekeeping: count('housekeeping'), 'purchase-notices': count('purchase-notices') };
}

describe('the periodic jobs of an instance (timers)', () => {
  let clock: sinon.SinonFakeTimers;
  afterEach(() => clock.restore());

  async function setUp() {
    const world = await orderingWorld();
    clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const useCases = orderingUseCases(world);
    const metrics = new AppMetrics();
    const jobs = timers(SCHEDULE, pino({ level: 'silent' }), {
      closeExpiredOrders: useCases.closeExpiredOrders,
      reconcile: useCases.reconcile,
      purgeExpired: new PurgeExpired(world.repositories, world.clock),
      sendPurchaseNotices: new SendPurchaseNotices(world.repositories, unusedSender, world.random, world.clock, defaultPurchaseNoticePolicy),
      metrics,
    });
    return { metrics, jobs };
  }

  it('runs nothing before start, then each job at its own interval, counted in the metrics', async () => {
    const { metrics, jobs } = await setUp();
    await clock.tickAsync(6000);
    expect(await runsOf(metrics)).to.deep.equal({ 'order-sweep': 0, reconcile: 0, housekeeping: 0, 'purchase-notices': 0 });
    jobs.start();
    await clock.tickAsync(6000);
    expect(await runsOf(metrics)).to.deep.equal({ 'order-sweep': 6, reconcile: 3, housekeeping: 2, 'purchase-notices': 12 });
    await jobs.stop();
  });

  it('starts each job once however often start is called, stops them all, and starts them again', async () => {
    const { metrics, jobs } = await setUp();
    jobs.start();
    jobs.start();
    await clock.tickAsync(3000);
    expect(await runsOf(metrics)).to.deep.equal({ 'order-sweep': 3, reconcile: 1, housekeeping: 1, 'purchase-notices': 6 });
    await jobs.stop();
    await clock.tickAsync(6000);
    expect(await runsOf(metrics)).to.deep.equal({ 'order-sweep': 3, reconcile: 1, housekeeping: 1, 'purchase-notices': 6 });
    jobs.start();
    await clock.tickAsync(3000);
    expect(await runsOf(metrics)).to.deep.equal({ 'order-sweep': 6, reconcile: 2, housekeeping: 2, 'purchase-notices': 12 });
    await jobs.stop();
  });
});
