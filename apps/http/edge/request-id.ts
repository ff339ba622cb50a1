import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id, in `ctx.state.requestId` and the `X-Request-Id` answer header.
 * An id set by a trusted proxy in front is kept, so one id follows the request end to end.
 */
export function requestId(trustIncoming: boolean): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = trustIncoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
    ctx.state['requestId'] = id;
    ctx.set('X-Request-Id', id);
    await next();
  };
}
