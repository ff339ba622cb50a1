import type { RouterContext } from '@koa/router';
import type { Middleware } from 'koa';
import type { AppMetrics } from './app-metrics.js';

/**
 * Counts every API request by its route template (`/api/user/order/detail`, never the raw path,
 * so that ids and junk paths cannot grow the label set), HTTP status and envelope code, and
 * observes its latency. Mounted first, so that it sees the answer the client gets.
 */
export function requestMetrics(metrics: AppMetrics): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const matched = (ctx as Partial<RouterContext>)._matchedRoute;
      const route = typeof matched === 'string' ? matched : 'unmatched';
      metrics.request(ctx.method, route, ctx.status, envelopeCodeOf(ctx.body), (performance.now() - started) / 1000);
    }
  };
}

/** An envelope written as `{"code":N,…}`: what `success`/`failure` serialise (an ETagged answer is already text). */
const SERIALISED_CODE = /^\{"code":(-?\d+)[,}]/;

/** The envelope's code of an answer, as an object or already serialised; null for anything else. */
function envelopeCodeOf(body: unknown): number | null {
  if (typeof body === 'string') {
    const match = SERIALISED_CODE.exec(body);
    return match ? Number(match[1]) : null;
  }
  const code = typeof body === 'object' && body !== null && !Buffer.isBuffer(body) ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : null;
}
