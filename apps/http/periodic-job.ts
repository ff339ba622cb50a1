/** A job started by {@link startPeriodicJob}; `stop` waits for a run in progress. */
export interface PeriodicJob {
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` on this instance, the first time one interval after the start
 * (so it never delays start-up); 0 starts nothing. One run at a time: a tick that finds the last
 * run still going is skipped. A failed run goes to `onError` and the next tick tries again. The
 * timer does not keep the process alive.
 */
export function startPeriodicJob(intervalMs: number, run: () => Promise<void>, onError: (error: unknown) => void): PeriodicJob {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run()
      .catch(onError)
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
