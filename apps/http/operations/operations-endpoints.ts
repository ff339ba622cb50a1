import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knex } from 'knex';
import type { AppMetrics } from './app-metrics.js';

/** The paths these endpoints answer (GET), outside the Koa app and so listed here for the API document. */
export const OPERATIONS_PATHS: readonly string[] = ['/healthz', '/readyz', '/metrics'];

/** Where an instance is in its life: `/readyz` says ready only in `ready`. */
export type Phase = 'starting' | 'ready' | 'stopping';

export interface OperationsOptions {
  readonly db: Knex;
  readonly metrics: AppMetrics;
  /** Serve `/metrics` to every caller (`METRICS_PUBLIC=1`); else only to loopback callers. */
  readonly metricsPublic: boolean;
  /** How long `/readyz` waits for the database before answering 503. */
  readonly databaseTimeoutMs?: number;
}

/**
 * `/healthz`, `/readyz` and `/metrics`, outside the envelope and without a token, answered by the
 * server before the API app exists (so that a starting instance already says it is not ready).
 */
export class OperationsEndpoints {
  #phase: Phase = 'starting';

  constructor(private readonly options: OperationsOptions) {}

  get phase(): Phase {
    return this.#phase;
  }

  /** Start-up is done: `/readyz` answers 200 while the database answers. */
  ready(): void {
    if (this.#phase === 'starting') this.#phase = 'ready';
  }

  /** Shutting down: `/readyz` answers 503 from now on, so that balancers stop sending requests. */
  stopping(): void {
    this.#phase = 'stopping';
  }

  /** Whether `path` is one of these endpoints. */
  handles(path: string): boolean {
    return OPERATIONS_PATHS.includes(path);
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'application/json; charset=utf-8', '{"status":"method not allowed"}', { Allow: 'GET, HEAD' });
    }
    if (path === '/healthz') return send(res, 200, 'application/json; charset=utf-8', '{"status":"ok"}');
    if (path === '/readyz') {
      const status = await this.#readiness();
      return send(res, status === 'ready' ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify({ status }));
    }
    if (!this.options.metricsPublic && !isLoopbackCaller(req)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'metrics are served to loopback callers only (METRICS_PUBLIC=1 serves everyone)\n');
    }
    const { contentType, text } = await this.options.metrics.render();
    return send(res, 200, contentType, text);
  }

  async #readiness(): Promise<Phase | 'database unreachable'> {
    if (this.#phase !== 'ready') return this.#phase;
    return (await databaseAnswers(this.options.db, this.options.databaseTimeoutMs ?? 2000)) ? 'ready' : 'database unreachable';
  }
}

/**
 * A caller on this machine talking to us directly: a loopback socket address and no forwarding
 * header. A request relayed by a proxy on this machine comes from loopback too, on behalf of
 * whoever called the proxy, so any `X-Forwarded-For`, `Forwarded` or `X-Real-IP` makes it remote,
 * whatever `TRUST_PROXY` says.
 */
export function isLoopbackCaller(req: IncomingMessage): boolean {
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers['forwarded'] !== undefined || req.headers['x-real-ip'] !== undefined;
  if (forwarded) return false;
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Whether `SELECT 1` comes back within `timeoutMs` (a pool waiting for a dead server would hang). */
async function databaseAnswers(db: Knex, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db.raw('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
