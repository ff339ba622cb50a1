import type { Server, ServerResponse } from 'node:http';

/** How a drain ended: every request answered, or the grace ran out and connections were cut. */
export type DrainOutcome = 'drained' | 'cut-off';

/** A server whose requests in flight are known, so that it can stop without cutting them off. */
export interface DrainableServer {
  /** Requests being answered now. */
  readonly inFlight: number;
  /**
   * Stops accepting connections at once (new ones are refused), closes idle keep-alive ones, lets
   * the requests in flight finish on connections that then close, and after `graceMs` cuts off
   * whatever is left. Resolves once the server is closed.
   */
  drain(graceMs: number): Promise<DrainOutcome>;
}

export function drainable(server: Server): DrainableServer {
  const answering = new Set<ServerResponse>();
  let draining = false;
  // Each answer given while draining ends its connection, so that keep-alive does not hold it open.
  const lastOnConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.on('request', (_req, res: ServerResponse) => {
    if (draining) lastOnConnection(res);
    answering.add(res);
    res.once('close', () => answering.delete(res));
  });
  return {
    get inFlight() {
      return answering.size;
    },
    async drain(graceMs) {
      draining = true;
      answering.forEach(lastOnConnection);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<DrainOutcome>((resolve) => {
        timer = setTimeout(() => resolve('cut-off'), graceMs);
      });
      const outcome = await Promise.race([closed.then((): DrainOutcome => 'drained'), graceOver]);
      clearTimeout(timer);
      if (outcome === 'cut-off') {
        server.closeAllConnections();
        await closed;
      }
      return outcome;
    },
  };
}
