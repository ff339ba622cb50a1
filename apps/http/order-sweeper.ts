import type { Logger } from 'pino';
import type { CloseExpiredOrders } from '../../core/index.js';
import { type PeriodicJob, startPeriodicJob } from './periodic-job.js';

/**
 * Runs the close-expired-orders sweep every `intervalMs` on this instance. Several instances may
 * sweep at once: the use case's conditional writes close each order once.
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
