import type { ServerResponse } from 'node:http';

/** Why a held answer stopped being held. */
export type HoldRelease = 'client' | 'server-close' | 'elapsed';

/**
 * Answers the sandbox holds back to simulate a WeChat timeout. Each ends when its client
 * disconnects, when `releaseAll` is called (the server is closing), or after the hold time.
 */
export class HeldAnswers {
  private readonly releases = new Set<() => void>();

  /** Number of answers being held now. */
  get size(): number {
    return this.releases.size;
  }

  /** Waits until the answer on `res` should stop being held, and says why. */
  hold(res: ServerResponse, ms: number): Promise<HoldRelease> {
    if (res.destroyed || res.socket === null) return Promise.resolve('client');
    return new Promise((resolve) => {
      const finish = (why: HoldRelease): void => {
        clearTimeout(timer);
        res.off('close', onClose);
        this.releases.delete(onServerClose);
        resolve(why);
      };
      const onClose = (): void => finish('client');
      const onServerClose = (): void => finish('server-close');
      const timer = setTimeout(() => finish('elapsed'), ms);
      res.once('close', onClose);
      this.releases.add(onServerClose);
    });
  }

  /** Ends every hold now, so that a closing server need not wait for them. */
  releaseAll(): void {
    for (const release of [...this.releases]) release();
  }
}
