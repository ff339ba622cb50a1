import type { Logger } from 'pino';
import type { CloseExpiredOrders } from '../../core/index.js';
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
