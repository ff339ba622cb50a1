import type { Logger } from 'pino';
import type { SendPurchaseNotices } from '../../core/index.js';
import { type PeriodicJob, startPeriodicJob } from './periodic-job.js';

/**
 * Sends the purchase notices due every `intervalMs` on this instance. Several instances may run it
 * at once: each notice is claimed by one. Log lines name the order, never the codes.
 */
export function startNoticeJob(send: SendPurchaseNotices, intervalMs: number, logger: Logger): PeriodicJob {
  return startPeriodicJob(
    intervalMs,
    async () => {
      for (const attempt of await send.execute()) {
        const { orderNo, outcome, sentParts, parts, attempts, error, cause } = attempt;
        const fields = { orderNo, sentParts, parts, attempts, ...(error ? { error } : {}), ...(cause ? { err: cause } : {}) };
        if (outcome === 'sent') logger.info(fields, 'purchase notice sent');
        else if (outcome === 'retry') logger.warn(fields, 'purchase notice not sent; will retry');
        else if (outcome === 'failed') logger.error(fields, 'purchase notice given up after its last attempt');
        else logger.debug(fields, 'purchase notice taken by another instance');
      }
    },
    (error) => logger.error({ err: error }, 'purchase notice job failed'),
  );
}
