import type { Logger } from 'pino';
import type { CloseExpiredOrders } from '../../core/index.js';

/**
 * Runs the close-expired-orders sweep every `intervalMs` on this instance. Several instances may
 * sweep at once: the use case's conditional writes close each order once. One sweep at a time per
 * instance; the timer does not keep the process alive.
 */
export function startOrderSweeper(sweep: CloseExpiredOrders, intervalMs: number, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweep
      .execute()
      .then(
        (result) => {
          if (result.closed + result.paid + result.failed > 0) logger.info(result, 'unpaid orders swept');
        },
        (error: unknown) => logger.error({ err: error }, 'unpaid order sweep failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = intervalMs > 0 ? setInterval(tick, intervalMs) : null;
  timer?.unref();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
