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
      const body = ctx.body as { code?: unknown } | null | undefined;
      const code = typeof body === 'object' && body !== null && typeof body.code === 'number' ? body.code : null;
      metrics.request(ctx.method, route, ctx.status, code, (performance.now() - started) / 1000);
    }
  };
}
