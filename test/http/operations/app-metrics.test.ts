import { expect } from 'chai';
import { AppMetrics } from '../../../apps/http/operations/app-metrics.js';
import { CHECK_SCHEDULE, DomainError } from '../../../core/index.js';
import { orderingUseCases, paymentOf } from '../../unit/support/ordering-steps.js';
import { GOODS, orderingWorld } from '../../unit/support/ordering-world.js';

function line(text: string, ...fragments: string[]): number {
  const found = text.split('\n').find((l) => !l.startsWith('#') && fragments.every((f) => l.includes(f)));
  return found === undefined ? 0 : Number(found.slice(found.lastIndexOf(' ') + 1));
}

describe('AppMetrics', () => {
  it('counts the calls of a metered port by method and outcome, and leaves local methods uncounted', async () => {
    const metrics = new AppMetrics();
    let fails: Error | null = null;
    const port = {
      secret: 'kept',
      async query(id: string) {
        if (fails) throw fails;
        return `${id}:${this.secret}`;
      },
      sign(text: string) {
        return `signed ${text}`;
      },
    };
    const metered = metrics.meterCalls('pay', port);
    expect(await metered.query('a')).to.equal('a:kept');
    fails = new DomainError(70012);
    await metered.query('c').catch((error: unknown) => expect(error).to.equal(fails));
    fails = new DomainError(10001);
    await metered.query('d').catch(() => undefined);
    fails = new TypeError('bug');
    await metered.query('e').catch(() => undefined);
    expect(metered.sign('x')).to.equal('signed x');
    const { text } = await metrics.render();
    expect(line(text, 'o2o_wechat_calls_total{', 'api="pay.query"', 'outcome="ok"')).to.equal(1);
    expect(line(text, 'o2o_wechat_calls_total{', 'api="pay.query"', 'outcome="failed"')).to.equal(1);
    expect(line(text, 'o2o_wechat_calls_total{', 'api="pay.query"', 'outcome="refused"')).to.equal(1);
    expect(line(text, 'o2o_wechat_calls_total{', 'api="pay.query"', 'outcome="error"')).to.equal(1);
    expect(line(text, 'o2o_wechat_call_duration_seconds_count{', 'api="pay.query"')).to.equal(4);
    expect(text).not.to.include('api="pay.sign"');
  });

  it('counts job runs by outcome and the numbers their results report', async () => {
    const metrics = new AppMetrics();
    let result: unknown = { closed: 2, paid: 1, failed: 0, note: 'text' };
    const job = metrics.meterJob('order-sweep', {
      async execute() {
        if (result instanceof Error) throw result;
        return result;
      },
    });
    await job.execute();
    result = { closed: 3, paid: 0, failed: 1 };
    await job.execute();
    result = new Error('database down');
    await job.execute().catch(() => undefined);
    const { text } = await metrics.render();
    expect(line(text, 'o2o_job_runs_total{', 'job="order-sweep"', 'outcome="ok"')).to.equal(2);
    expect(line(text, 'o2o_job_runs_total{', 'job="order-sweep"', 'outcome="error"')).to.equal(1);
    expect(line(text, 'o2o_job_items_total{', 'job="order-sweep"', 'kind="closed"')).to.equal(5);
    expect(line(text, 'o2o_job_items_total{', 'job="order-sweep"', 'kind="failed"')).to.equal(1);
    expect(text).not.to.include('kind="note"');
  });

  it('counts what a reconciliation run checked and found (the job as server.ts meters it)', async () => {
    const metrics = new AppMetrics();
    const world = await orderingWorld();
    const useCases = orderingUseCases(world);
    const { order } = await useCases.buyGoods.execute({ caller: world.callerIn(1), goodsId: GOODS.limited, number: 1, notifyMobile: null });
    world.wechatPay.reportPaid(paymentOf(order));
    world.clock.advance(CHECK_SCHEDULE.firstMs);
    await metrics.meterJob('reconcile', useCases.reconcile).execute();
    const { text } = await metrics.render();
    expect(line(text, 'o2o_job_runs_total{', 'job="reconcile"', 'outcome="ok"')).to.equal(1);
    expect(line(text, 'o2o_job_items_total{', 'job="reconcile"', 'kind="ordersChecked"')).to.equal(1);
    expect(line(text, 'o2o_job_items_total{', 'job="reconcile"', 'kind="paid"')).to.equal(1);
    expect(text).not.to.include('kind="refundsChecked"');
  });

  it('counts the entries of a job that reports a list by their outcome (the purchase notices)', async () => {
    const metrics = new AppMetrics();
    const job = metrics.meterJob('purchase-notices', {
      execute: async () => [{ orderNo: '1', outcome: 'sent' }, { orderNo: '2', outcome: 'retry' }, { orderNo: '3', outcome: 'sent' }, null],
    });
    await job.execute();
    const { text } = await metrics.render();
    expect(line(text, 'o2o_job_items_total{', 'job="purchase-notices"', 'kind="sent"')).to.equal(2);
    expect(line(text, 'o2o_job_items_total{', 'job="purchase-notices"', 'kind="retry"')).to.equal(1);
    expect(text).not.to.include('orderNo');
  });
});
