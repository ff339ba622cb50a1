import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { DomainError, ErrorCode } from '../../../core/index.js';
import { failure } from './envelope.js';

/**
 * Turns whatever a route throws into the envelope: a DomainError with its code and message; any
 * other error as code 500 with a generic message, logged with the request id and never shown.
 * Every answer is HTTP 200, as the contract says; one log line per request (at `info`: built only
 * when that level is on).
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      ctx.status = 200;
      if (error instanceof DomainError) {
        ctx.body = failure(error.code, error.message, error.data);
      } else {
        logger.error({ err: error, requestId: ctx.state['requestId'], method: ctx.method, path: ctx.path }, 'request failed');
        ctx.body = failure(ErrorCode.Internal);
      }
    }
    if (!logger.isLevelEnabled('info')) return;
    const body = ctx.body as { code?: unknown } | undefined;
    logger.info(
      {
        requestId: ctx.state['requestId'],
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        code: typeof body === 'object' && body !== null ? body.code : undefined,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}
