import type { Logger } from 'pino';
import type { ReconcileWithWechatPay } from '../../core/index.js';
import { type PeriodicJob, startPeriodicJob } from './periodic-job.js';

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
