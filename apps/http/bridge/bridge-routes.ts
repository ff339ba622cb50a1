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
  ticket: string;
}

const params = new ParamSchema<BridgeParams>({
  type: 'object',
  properties: {
    targetOperId: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
    orderNo: { type: 'string', pattern: OrderNo.pattern.source },
    userId: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
    page: { type: 'string', pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$', maxLength: 128, default: DEFAULT_BRIDGE_PAGE },
    ticket: { type: 'string', pattern: '^[A-Za-z0-9_-]{22,128}$' },
  },
  required: ['targetOperId', 'orderNo', 'userId', 'ticket'],
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
 * It opens with the ticket of `/order/bridge`, never with a session token (a `token` parameter is
 * refused). The ticket is in the URL, so the page is never cached and never sends a Referer.
 */
export function bridgeRoutes(deps: { createBridgeScene: CreateBridgeScene; logger: Logger }): Router {
  return new Router().get('/miniprogram_bridge/pay', async (ctx: Context) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    ctx.type = 'text/html; charset=utf-8';
    try {
      // A session token never belongs in an address: refused by name, whatever else is sent.
      if (ctx.query['token'] !== undefined) throw new DomainError(10001, '参数不合法: 支付页面不接受 token，请使用 ticket');
      const p = params.parse(ctx.query, 'text');
      const code = await deps.createBridgeScene.execute({
        ticket: p.ticket,
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

/** The bridge page's query parameters, for the API document. */
export { params as bridgePageParams };
