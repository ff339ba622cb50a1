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
import { TOKENS as T } from './tokens.js';

/** The route modules of the API, each handed the use cases it calls (routes never see the container). */
export function apiRoutes(container: Container, config: AppConfig): { userRoutes: Router[]; rawBodyRoutes: Router[]; rootRoutes: Router[] } {
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
