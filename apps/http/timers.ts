import type { Logger } from 'pino';
import type { CloseExpiredOrders, PurgeExpired, ReconcileWithWechatPay, SendPurchaseNotices } from '../../core/index.js';
import { startHousekeeper } from './housekeeper.js';
import { startNoticeJob } from './notice-job.js';
import type { AppMetrics } from './operations/app-metrics.js';
import { startOrderSweeper } from './order-sweeper.js';
import type { PeriodicJob } from './periodic-job.js';
import { startReconciler } from './reconciler.js';

/** How often each periodic job runs on this instance, in milliseconds (0: never). */
export interface TimerSchedule {
  readonly orderSweepMs: number;
  readonly reconcileMs: number;
  readonly housekeepingMs: number;
  readonly noticePollMs: number;
}

/** The use cases the periodic jobs run, and the metrics that count their runs. */
export interface TimerJobs {
  readonly closeExpiredOrders: CloseExpiredOrders;
  readonly reconcile: ReconcileWithWechatPay;
  readonly purgeExpired: PurgeExpired;
  readonly sendPurchaseNotices: SendPurchaseNotices;
  readonly metrics: AppMetrics;
}

/** The instance's periodic jobs: built with the composition, started once the server listens. */
export interface Timers {
  /** Starts the jobs (again after `stop`); a second call while they run does nothing. */
  start(): void;
  /** Stops the jobs, waiting for the runs in progress. */
  stop(): Promise<void>;
}

/** The unpaid-order sweep, the reconciliation with WeChat Pay, the housekeeping and the purchase notices. */
export function timers(schedule: TimerSchedule, logger: Logger, jobs: TimerJobs): Timers {
  let running: PeriodicJob[] = [];
  return {
    start() {
      if (running.length > 0) return;
      const { metrics } = jobs;
      running = [
        startOrderSweeper(metrics.meterJob('order-sweep', jobs.closeExpiredOrders), schedule.orderSweepMs, logger),
        startReconciler(metrics.meterJob('reconcile', jobs.reconcile), schedule.reconcileMs, logger),
        startHousekeeper(metrics.meterJob('housekeeping', jobs.purgeExpired), schedule.housekeepingMs, logger),
        startNoticeJob(metrics.meterJob('purchase-notices', jobs.sendPurchaseNotices), schedule.noticePollMs, logger),
      ];
    },
    async stop() {
      const stopping = running;
      running = [];
      await Promise.all(stopping.map((job) => job.stop()));
    },
  };
}
