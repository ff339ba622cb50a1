import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';

/**
 * For answers that rarely change (the area tree, the cities, the categories): a successful JSON
 * answer is serialised once here, tagged with a strong `ETag` (a hash of its bytes), and answered
 * `304 Not Modified` with no body when the request's `If-None-Match` holds that tag. The route runs
 * first, token check included, so a tag proves nothing by itself: a stale or foreign token still
 * gets its error. Errors and failure envelopes are left untagged.
 *
 * Written here rather than with koa-etag + koa-conditional-get: those tag every answer, failures
 * included, and serialise the body once to hash it and again to send it.
 */
export function conditionalAnswer(): Middleware {
  return async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (ctx.status !== 200 || !isSuccessEnvelope(body)) return;
    const json = JSON.stringify(body);
    ctx.etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
    ctx.set('Cache-Control', 'no-cache');
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = json;
  };
}

function isSuccessEnvelope(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && (body as { code?: unknown }).code === 0;
}
