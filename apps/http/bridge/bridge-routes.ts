import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import { type CreateBridgeScene, DEFAULT_BRIDGE_PAGE, DomainError, OrderNo } from '../../../core/index.js';
import { ParamSchema } from '../edge/validation.js';
import { bridgeErrorPage, bridgePage } from './bridge-page.js';

interface BridgeParams {
  targetOperId: number;
  orderNo: string;
  userId: number;
  page: string;
  token: string;
}

const params = new ParamSchema<BridgeParams>({
  type: 'object',
  properties: {
    targetOperId: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
    orderNo: { type: 'string', pattern: OrderNo.pattern.source },
    userId: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
    page: { type: 'string', pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$', maxLength: 128, default: DEFAULT_BRIDGE_PAGE },
    token: { type: 'string', minLength: 1, maxLength: 256 },
  },
  required: ['targetOperId', 'orderNo', 'userId', 'token'],
});

/** HTTP status of a refusal on the bridge page. */
const STATUS_OF: Partial<Record<number, number>> = {
  10001: 400,
  10003: 401,
  10007: 401,
  70010: 401,
  50001: 404,
  70011: 404,
  50003: 403,
  50002: 409,
  70012: 502,
};

/**
 * The H5 bridge (`/miniprogram_bridge/pay`, outside the envelope): a page with the target oper's
 * mini-program code, or a readable error page with a 4xx (5xx when WeChat or the server fails).
 * The token is in the URL, so the page is never cached and never sends a Referer.
 */
export function bridgeRoutes(deps: { createBridgeScene: CreateBridgeScene; logger: Logger }): Router {
  return new Router().get('/miniprogram_bridge/pay', async (ctx: Context) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    ctx.type = 'text/html; charset=utf-8';
    try {
      const p = params.parse(ctx.query, 'text');
      const code = await deps.createBridgeScene.execute({
        token: p.token,
        targetOperId: p.targetOperId,
        orderNo: p.orderNo,
        userId: p.userId,
        page: p.page,
      });
      ctx.status = 200;
      ctx.body = bridgePage(code);
    } catch (error) {
      if (!(error instanceof DomainError)) {
        deps.logger.error({ err: error, requestId: ctx.state['requestId'] }, 'bridge page failed');
      }
      ctx.status = error instanceof DomainError ? (STATUS_OF[error.code] ?? 400) : 500;
      ctx.body = bridgeErrorPage(error instanceof DomainError ? error.message : '服务器内部错误');
    }
  });
}
