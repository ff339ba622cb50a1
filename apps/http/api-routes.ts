import type { Router } from '@koa/router';
import type { Container } from 'inversify';
import type { AppConfig } from './config.js';
import { testBehavioursEnabled } from './config.js';
import { bridgeRoutes } from './bridge/bridge-routes.js';
import { bridgeTicketRoutes } from './bridge/bridge-ticket-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { identityRoutes } from './routes/identity-routes.js';
import { orderRoutes } from './routes/order-routes.js';
import { wechatNotifyRoutes } from './routes/wechat-notify-routes.js';
import { type ListedRoute, listRoutes } from './edge/route-listing.js';
import { OPERATIONS_PATHS } from './operations/operations-endpoints.js';
import { API_PREFIX, openApiDocument } from './openapi/openapi-document.js';
import { openApiRoutes } from './openapi/openapi-routes.js';
import { TOKENS as T } from './tokens.js';

/**
 * The route modules of the API, each handed the use cases it calls (routes never see the
 * container), and the API document made from all of them and the operations endpoints that the
 * server answers before the app (`/openapi.json`, `/docs`).
 */
export function apiRoutes(container: Container, config: AppConfig): ApiRouteModules {
  const modules = apiRouteModules(container, config);
  const all = (): ListedRoute[] => [
    ...modules.userRoutes.flatMap((router) => listRoutes(router, API_PREFIX)),
    ...[...modules.rawBodyRoutes, ...modules.rootRoutes].flatMap((router) => listRoutes(router)),
    ...OPERATIONS_PATHS.map((path) => ({ method: 'GET', path, description: undefined })),
  ];
  modules.rootRoutes.push(openApiRoutes(() => openApiDocument(all())));
  return modules;
}

/** The route modules the API app mounts (see `createApiApp`). */
export interface ApiRouteModules {
  readonly userRoutes: Router[];
  readonly rawBodyRoutes: Router[];
  readonly rootRoutes: Router[];
}

function apiRouteModules(container: Container, config: AppConfig): ApiRouteModules {
  const get = container.get.bind(container);
  const kit = { authenticate: get(T.Authenticate), allowAppidHeader: testBehavioursEnabled(config) };
  return {
    userRoutes: [
      identityRoutes({
        kit,
        wxLogin: get(T.WxLogin),
        sendVerifyCode: get(T.SendVerifyCode),
        bindMobile: get(T.BindMobile),
        loginWithScene: get(T.LoginWithScene),
        exposeVerifyCode: testBehavioursEnabled(config),
      }),
      catalogRoutes({
        kit,
        getAreaTree: get(T.GetAreaTree),
        listCitiesWithHot: get(T.ListCitiesWithHot),
        locateByGps: get(T.LocateByGps),
        listCategoryTree: get(T.ListCategoryTree),
        searchMerchants: get(T.SearchMerchants),
        getMerchantDetail: get(T.GetMerchantDetail),
        listGoods: get(T.ListGoods),
        getGoodsDetail: get(T.GetGoodsDetail),
      }),
      orderRoutes({
        kit,
        buyGoods: get(T.BuyGoods),
        payOrder: get(T.PayOrder),
        cancelOrder: get(T.CancelOrder),
        listOrders: get(T.ListOrders),
        getOrderDetail: get(T.GetOrderDetail),
        refundOrder: get(T.RefundOrder),
      }),
      bridgeTicketRoutes({ kit, mintBridgeTicket: get(T.MintBridgeTicket), publicBaseUrl: get(T.PublicBaseUrl) }),
    ],
    rootRoutes: [bridgeRoutes({ createBridgeScene: get(T.CreateBridgeScene), logger: get(T.Logger) })],
    rawBodyRoutes: [
      wechatNotifyRoutes({
        confirmPayment: get(T.ConfirmPayment),
        confirmRefund: get(T.ConfirmRefund),
        logger: get(T.Logger),
        bodyLimitBytes: config.bodyLimitBytes,
      }),
    ],
  };
}
