import { Router } from '@koa/router';
import Koa from 'koa';
import compress from 'koa-compress';
import type { Logger } from 'pino';
import { bodyParser } from './edge/body-parser.js';
import { failure } from './edge/envelope.js';
import { errorHandler } from './edge/error-handler.js';
import { jsonOnce } from './edge/json-once.js';
import { requestId } from './edge/request-id.js';
import type { AppMetrics } from './operations/app-metrics.js';
import { requestMetrics } from './operations/request-metrics.js';

export interface ApiAppOptions {
  readonly logger: Logger;
  /** Proxy hops of yours in front: the client address is that many entries from the right of X-Forwarded-For; 0: none. */
  readonly trustProxy: number;
  readonly bodyLimitBytes: number;
  /** Route modules mounted under `/api/user`. */
  readonly userRoutes: readonly Router[];
  /** Route modules mounted at the root (the bridge page). */
  readonly rootRoutes?: readonly Router[];
  /** Route modules that read their bodies themselves (WeChat Pay notifications), before body parsing. */
  readonly rawBodyRoutes?: readonly Router[];
  /** Counts requests and their latency by route (see `/metrics`). */
  readonly metrics?: AppMetrics;
}

/**
 * Answers smaller than this go uncompressed: below about a kilobyte, gzip's header and the CPU cost
 * outweigh the bytes saved (one TCP segment either way).
 */
const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * The Koa app of the API: compression (brotli or gzip, as the client accepts, above
 * {@link COMPRESS_THRESHOLD_BYTES}), request id, envelope, body parsing, routes, 10000 for the rest.
 */
export function createApiApp(options: ApiAppOptions): Koa {
  // Koa keeps the last `maxIpsCount` entries of X-Forwarded-For and takes the first of them.
  const app = new Koa({ proxy: options.trustProxy > 0, maxIpsCount: options.trustProxy });
  app.silent = true;
  const user = new Router({ prefix: '/api/user' });
  for (const routes of options.userRoutes) user.use(routes.routes());
  // Compression wraps the rest, so that the metrics read the envelope before it becomes a stream.
  app.use(compress({ threshold: COMPRESS_THRESHOLD_BYTES }));
  app.use(jsonOnce());
  if (options.metrics) app.use(requestMetrics(options.metrics));
  app.use(requestId(options.trustProxy > 0));
  app.use(errorHandler(options.logger));
  for (const routes of options.rawBodyRoutes ?? []) app.use(routes.routes());
  app.use(bodyParser(options.bodyLimitBytes));
  app.use(user.routes());
  for (const routes of options.rootRoutes ?? []) app.use(routes.routes());
  app.use(async (ctx) => {
    ctx.status = ctx.path.startsWith('/api/user/') || ctx.path === '/api/user' ? 200 : 404;
    ctx.body = failure(10000);
  });
  return app;
}
