import type { Middleware } from 'koa';

/**
 * Serialises a JSON answer once, on its way out. Koa serialises an object body when it sends it,
 * and `ctx.length` (which compression reads to compare with its threshold) serialises it again to
 * count its bytes; a string body is counted and sent as it is. Mounted inside compression and
 * outside everything that still reads the envelope as an object (metrics, the error handler).
 */
export function jsonOnce(): Middleware {
  return async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (!isPlainJson(body)) return;
    // The Content-Type Koa set for the object stays: a string body changes it only when none is set.
    ctx.body = JSON.stringify(body);
  };
}

/** A plain object or array, which Koa would send as JSON (not a buffer, stream, blob or response). */
function isPlainJson(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const prototype: unknown = Object.getPrototypeOf(body);
  return Array.isArray(body) || prototype === Object.prototype || prototype === null;
}
