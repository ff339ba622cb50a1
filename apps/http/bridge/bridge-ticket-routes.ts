import { Router } from '@koa/router';
import { DEFAULT_BRIDGE_PAGE, type MintBridgeTicket, formatShanghaiDateTime } from '../../../core/index.js';
import { type EdgeKit, apiHandler } from '../edge/api-handler.js';
import { ParamSchema } from '../edge/validation.js';
import { ANSWERS } from '../openapi/answers.js';

export interface BridgeTicketRouteDeps {
  readonly kit: EdgeKit;
  readonly mintBridgeTicket: MintBridgeTicket;
  /** Where the bridge page is served to the world (`PUBLIC_BASE_URL`). */
  readonly publicBaseUrl: string;
}

/** The bridge page's path, outside `/api/user`. */
export const BRIDGE_PAGE_PATH = '/miniprogram_bridge/pay';

const PAGE = { type: 'string', pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$', maxLength: 128 } as const;

const bridgeParams = new ParamSchema<{ order_no: string; page?: string }>({
  type: 'object',
  properties: { order_no: { type: 'string', pattern: '^\\d{1,32}$' }, page: { ...PAGE, nullable: true } },
  required: ['order_no'],
});

/**
 * `POST /order/bridge`: the address of the bridge page for the caller's own unpaid order of
 * another oper, carrying a 10-minute ticket instead of the session token.
 */
export function bridgeTicketRoutes(deps: BridgeTicketRouteDeps): Router {
  return new Router().post(
    '/order/bridge',
    apiHandler(deps.kit, 'user', { params: bridgeParams, answer: ANSWERS.bridge, summary: 'H5 跳转链接 (票据)' }, async ({ params, caller }) => {
      const minted = await deps.mintBridgeTicket.execute({ caller, orderNo: params.order_no });
      const query = new URLSearchParams({
        targetOperId: String(minted.order.operId),
        orderNo: minted.order.orderNo,
        userId: String(minted.userId),
        page: params.page ?? DEFAULT_BRIDGE_PAGE,
        ticket: minted.ticket,
      });
      return { url: `${deps.publicBaseUrl}${BRIDGE_PAGE_PATH}?${query.toString()}`, expires_at: formatShanghaiDateTime(minted.expiresAt) };
    }),
  );
}
