import type { Logger } from 'pino';
import type { PurgeExpired } from '../../core/index.js';
import { type PeriodicJob, startPeriodicJob } from './periodic-job.js';

/**
 * Purges expired sessions, bridge tickets and order grants, old SMS codes and old scenes every
 * `intervalMs` on this instance.
 * Several instances may purge at once: each delete only finds what the others left.
 */
export function startHousekeeper(purge: PurgeExpired, intervalMs: number, logger: Logger): PeriodicJob {
  return startPeriodicJob(
    intervalMs,
    async () => {
      const result = await purge.execute();
      if (Object.values(result).some((deleted) => deleted > 0)) logger.info(result, 'expired rows purged');
    },
    (error) => logger.error({ err: error }, 'housekeeping purge failed'),
  );
}
