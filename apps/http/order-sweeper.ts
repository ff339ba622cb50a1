import type { Logger } from 'pino';
import type { CloseExpiredOrders, ReconcileWithWechatPay } from '../../core/index.js';
import { type PeriodicJob, startPeriodicJob } from './periodic-job.js';

/**
 * Runs the close-expired-orders sweep every `intervalMs` on this instance. Several instances may
 * sweep at once: each order is claimed by one. Each failure was logged by the use case with its
 * order number; the summary line keeps the counts.
 */
export function startOrderSweeper(sweep: CloseExpiredOrders, intervalMs: number, logger: Logger): PeriodicJob {
  return startPeriodicJob(
    intervalMs,
    async () => {
      const result = await sweep.execute();
      if (result.closed + result.paid + result.failed > 0) logger.info(result, 'unpaid orders swept');
    },
    (error) => logger.error({ err: error }, 'unpaid order sweep failed'),
  );
}

/**
 * Runs the reconciliation with WeChat Pay every `intervalMs` (`RECONCILE_SECONDS`) on this
 * instance; 0 never. Several instances may run it at once: each check is claimed by one.
 */
export function startReconciler(reconcile: ReconcileWithWechatPay, intervalMs: number, logger: Logger): PeriodicJob {
  return startPeriodicJob(
    intervalMs,
    async () => {
      const result = await reconcile.execute();
      if (result.ordersChecked + result.refundsChecked > 0) logger.info(result, 'reconciled with wechat pay');
    },
    (error) => logger.error({ err: error }, 'reconciliation with wechat pay failed'),
  );
}
