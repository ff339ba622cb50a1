import type { Router } from '@koa/router';
import type Koa from 'koa';
import { Container, type ServiceIdentifier } from 'inversify';
import type { Knex } from 'knex';
import type { DestinationStream, Logger } from 'pino';
import {
  AreaDirectory,
  Authenticate,
  BindMobile,
  BuyGoods,
  CancelOrder,
  type Clock,
  CloseExpiredOrders,
  ConfirmPayment,
  ConfirmRefund,
  CreateBridgeScene,
  type Geocoder,
  GetAreaTree,
  GetGoodsDetail,
  GetMerchantDetail,
  GetOrderDetail,
  ListCategoryTree,
  ListCitiesWithHot,
  ListGoods,
  ListOrders,
  LocateByGps,
  LoginWithScene,
  MintBridgeTicket,
  PayOrder,
  PaymentCheck,
  type PaymentSettings,
  type PurchaseNoticeSender,
  PurgeExpired,
  type Random,
  ReadChecks,
  ReconcileWithWechatPay,
  RedeemCode,
  RefundOrder,
  RefundSubmission,
  type Repositories,
  SearchMerchants,
  SendPurchaseNotices,
  SendVerifyCode,
  type SmsSender,
  type WechatAuth,
  type WechatPay,
  WxLogin,
  systemClock,
} from '../../core/index.js';
import { HmacVerifyCodeDigest } from '../../adapters/crypto/hmac-verify-code-digest.js';
import { NodeRandom } from '../../adapters/crypto/node-random.js';
import { SecretBox } from '../../adapters/crypto/secret-box.js';
import { Sha256SecretHasher } from '../../adapters/crypto/sha256-secret-hasher.js';
import { cachedKnexRepositories } from '../../adapters/knex/cached-knex-repositories.js';
import { KnexUnitOfWork } from '../../adapters/knex/knex-unit-of-work.js';
import { DEFAULT_HOT_CITY_IDS } from '../../adapters/reference/hot-cities.js';
import { LoggingSmsSender } from '../../adapters/sms/logging-sms-sender.js';
import { TencentSmsSender } from '../../adapters/sms/tencent-sms-sender.js';
import { TOKENS as T } from '../../adapters/tokens.js';
import { HttpWechatPay } from '../../adapters/wechat-pay/http-wechat-pay.js';
import { HttpMiniProgramCodes } from '../../adapters/wechat/http-mini-program-codes.js';
import { HttpWechatAuth } from '../../adapters/wechat/http-wechat-auth.js';
import { StableAccessTokens } from '../../adapters/wechat/stable-access-tokens.js';
import { TestCodeWechatAuth } from '../../adapters/wechat/test-code-wechat-auth.js';
import { type ApiRouteModules, withApiDocument } from '../http/api-routes.js';
import { bridgeRoutes } from '../http/bridge/bridge-routes.js';
import { bridgeTicketRoutes } from '../http/bridge/bridge-ticket-routes.js';
import type { EdgeKit } from '../http/edge/api-handler.js';
import { catalogRoutes } from '../http/routes/catalog-routes.js';
import { identityRoutes } from '../http/routes/identity-routes.js';
import { orderRoutes } from '../http/routes/order-routes.js';
import { wechatNotifyRoutes } from '../http/routes/wechat-notify-routes.js';
import { DEMO_SMS_ACCOUNT, TENCENT_CLOUD_PATH, demoSmsTemplateId, demoUserOpenId } from '../shared/demo-accounts.js';
import { CrashPoints } from '../http/crash-points.js';
import { createApiApp } from '../http/api-app.js';
import { AppMetrics } from '../http/operations/app-metrics.js';
import { type Timers, timers } from '../http/timers.js';
import { type AppConfig, testBehavioursEnabled } from './config.js';
import { bindClass, bindNamed } from './wiring.js';

/** What exists before the container: the configuration, the log, the migrated database. */
export interface Infrastructure {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly db: Knex;
  /** The one SecretBox of the process (the entry opened the demo data with it); made here if absent. */
  readonly secrets?: SecretBox;
  /** Base URL of WeChat's API for this run: WeChat itself or a sandbox. */
  readonly wechatApiBaseUrl: string;
  /** Base URL of WeChat Pay's API for this run: WeChat Pay itself or a sandbox. */
  readonly wechatPayApiBaseUrl: string;
  /** Where WeChat Pay reaches this service (notifications). */
  readonly publicBaseUrl: string;
  /** The WeChat sandbox of this run (its Tencent Cloud SMS too), or null when WeChat is live. */
  readonly sandboxBaseUrl: string | null;
  readonly geocoder: Geocoder;
  /** The instance's metrics when it serves (`/metrics`): gateway calls and job runs are counted in them. */
  readonly metrics?: AppMetrics;
}

/** Replacements for tests and embedders: a fake clock, a failing gateway. */
export interface Overrides {
  /** The app's logger (tests capture what is logged); by default JSON lines on stdout at `LOG_LEVEL`. */
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly wechatAuth?: WechatAuth;
  readonly smsSender?: SmsSender;
  readonly purchaseNoticeSender?: PurchaseNoticeSender;
  readonly geocoder?: Geocoder;
  readonly wechatPay?: WechatPay;
  /** Where the log lines go instead of stdout (same logger, same redaction): to read them in a test. */
  readonly logDestination?: DestinationStream;
}

const SMS_TIMEOUT_MS = 5000;

const id = <V>(name: string) => Symbol.for(`o2o.root.${name}`) as ServiceIdentifier<V>;

/** The root's own intermediate bindings: the route modules and what they share. */
const ROUTES = {
  EdgeKit: id<EdgeKit>('EdgeKit'),
  Identity: id<Router>('IdentityRoutes'),
  Catalog: id<Router>('CatalogRoutes'),
  Orders: id<Router>('OrderRoutes'),
  BridgeTicket: id<Router>('BridgeTicketRoutes'),
  Bridge: id<Router>('BridgeRoutes'),
  WechatNotify: id<Router>('WechatNotifyRoutes'),
  Api: id<ApiRouteModules>('ApiRouteModules'),
  Metrics: id<AppMetrics>('AppMetrics'),
  ApiApp: id<Koa>('ApiApp'),
  Timers: id<Timers>('Timers'),
} as const;

/**
 * The composition root: the only place that knows which adapter serves which port. Read it top
 * to bottom: configuration, adapters, use cases, routes, then what tests and embedders replace.
 * Core classes carry no decorators: each is bound once, its constructor arguments named by
 * tokens (`bindClass`); adapters are injectable and bound to their class.
 */
export function buildContainer(infra: Infrastructure, overrides: Overrides = {}): Container {
  const { config, logger } = infra;
  const testBehaviours = testBehavioursEnabled(config);
  const c = new Container({ defaultScope: 'Singleton' });

  // 1. Configuration.
  c.bind(T.Logger).toConstantValue(logger);
  c.bind(T.Database).toConstantValue(infra.db);
  c.bind(T.WechatApiBaseUrl).toConstantValue(infra.wechatApiBaseUrl);
  c.bind(T.WechatPayApiBaseUrl).toConstantValue(infra.wechatPayApiBaseUrl);
  c.bind(T.PublicBaseUrl).toConstantValue(infra.publicBaseUrl);
  c.bind(T.SecretKey).toConstantValue(config.secretKey);
  c.bind(T.SecretBox).toConstantValue(infra.secrets ?? new SecretBox(config.secretKey));
  c.bind(T.VerifyCodePolicy).toConstantValue(config.verifyCodePolicy);
  c.bind(T.PurchaseNoticePolicy).toConstantValue(config.purchaseNoticePolicy);
  c.bind(T.PayTimeoutMs).toConstantValue(config.payTimeoutMs);
  c.bind(T.HotCityIds).toConstantValue(config.hotCityIds ?? DEFAULT_HOT_CITY_IDS);
  c.bind(T.DemoUserOpenId).toConstantValue(demoUserOpenId);
  const settings: PaymentSettings = {
    payTimeoutMs: config.payTimeoutMs,
    maxUnpaidOrdersPerUser: config.maxUnpaidOrdersPerUser,
    paymentNotifyUrl: (operId) => `${infra.publicBaseUrl}/api/wechat/pay/notify/${operId}`,
    refundNotifyUrl: (operId) => `${infra.publicBaseUrl}/api/wechat/refund/notify/${operId}`,
  };
  c.bind(T.PaymentSettings).toConstantValue(settings);
  const timeoutMs = config.wechatTimeoutMs;
  c.bind(T.HttpWechatAuthOptions).toResolvedValue(
    (baseUrl: string, secrets: SecretBox, log: Logger) => ({ baseUrl, timeoutMs, secrets, logger: log }),
    [T.WechatApiBaseUrl, T.SecretBox, T.Logger],
  );
  // The WeChat Pay adapter keeps the system clock: signature windows are about real time.
  c.bind(T.HttpWechatPayOptions).toResolvedValue(
    (baseUrl: string, secrets: SecretBox, log: Logger) => ({ baseUrl, timeoutMs, secrets, logger: log }),
    [T.WechatPayApiBaseUrl, T.SecretBox, T.Logger],
  );
  c.bind(T.StableAccessTokensOptions).toResolvedValue(
    (baseUrl: string, secrets: SecretBox, log: Logger) => ({ baseUrl, timeoutMs, secrets, logger: log }),
    [T.WechatApiBaseUrl, T.SecretBox, T.Logger],
  );
  c.bind(T.HttpMiniProgramCodesOptions).toResolvedValue(
    (baseUrl: string, tokens: StableAccessTokens, log: Logger) => ({
      baseUrl,
      timeoutMs,
      tokens,
      logger: log,
      envVersion: config.codeEnvVersion,
      checkPath: config.codeEnvVersion === 'release',
    }),
    [T.WechatApiBaseUrl, T.AccessTokens, T.Logger],
  );

  // 2. Adapters: which one serves each port.
  c.bind(T.Clock).toConstantValue(clockAhead(config.clockAheadMs));
  // The crypto adapters stay free of decorators: embedders load them without inversify.
  bindClass(c, T.Random, NodeRandom, []);
  bindClass(c, T.SecretHasher, Sha256SecretHasher, []);
  bindClass(c, T.VerifyCodeDigest, HmacVerifyCodeDigest, [T.SecretKey]);
  // Opers, categories and merchant search totals are read through caches whose versions are
  // watched on real time; nearby searches go through the merchant point index.
  c.bind(T.Repositories).toResolvedValue(
    (db: Knex, log: Logger) => cachedKnexRepositories(db, config.cacheMs, log),
    [T.Database, T.Logger],
  );
  c.bind(T.UnitOfWork).to(KnexUnitOfWork);
  c.bind(T.Areas).toResolvedValue((r: Repositories) => r.areas, [T.Repositories]);
  c.bind(T.Categories).toResolvedValue((r: Repositories) => r.categories, [T.Repositories]);
  c.bind(T.Merchants).toResolvedValue((r: Repositories) => r.merchants, [T.Repositories]);
  c.bind(T.Goods).toResolvedValue((r: Repositories) => r.goods, [T.Repositories]);
  c.bind(T.LiveWechatAuth).to(HttpWechatAuth);
  // Outside production, code `user` is the demo user without asking WeChat.
  if (testBehaviours) c.bind(T.WechatAuth).to(TestCodeWechatAuth);
  else c.bind(T.WechatAuth).toService(T.LiveWechatAuth);
  c.bind(T.WechatPay).to(HttpWechatPay);
  c.bind(T.AccessTokens).to(StableAccessTokens);
  c.bind(T.MiniProgramCodes).to(HttpMiniProgramCodes);
  const sms = smsProvider(config, infra.sandboxBaseUrl, logger);
  c.bind(T.SmsSender).toConstantValue(sms);
  c.bind(T.PurchaseNoticeSender).toConstantValue(sms);
  c.bind(T.Geocoder).toConstantValue(infra.geocoder);
  c.bind(T.OrderingLog).toResolvedValue((log: Logger) => log.child({ module: 'ordering' }), [T.Logger]);

  // 3. Use cases.
  bindClass(c, T.Authenticate, Authenticate, [T.Repositories, T.SecretHasher, T.Clock]);
  bindClass(c, T.WxLogin, WxLogin, [T.Repositories, T.WechatAuth, T.Random, T.SecretHasher, T.Clock]);
  bindClass(c, T.SendVerifyCode, SendVerifyCode, [T.UnitOfWork, T.SmsSender, T.Random, T.VerifyCodeDigest, T.Clock, T.VerifyCodePolicy]);
  bindClass(c, T.BindMobile, BindMobile, [T.UnitOfWork, T.VerifyCodeDigest, T.Clock, T.VerifyCodePolicy]);
  bindClass(c, T.PurgeExpired, PurgeExpired, [T.Repositories, T.Clock]);
  bindClass(c, T.AreaDirectory, AreaDirectory, [T.Areas]);
  bindClass(c, T.GetAreaTree, GetAreaTree, [T.AreaDirectory]);
  bindClass(c, T.ListCitiesWithHot, ListCitiesWithHot, [T.AreaDirectory, T.HotCityIds]);
  bindClass(c, T.LocateByGps, LocateByGps, [T.Geocoder, T.AreaDirectory]);
  bindClass(c, T.ListCategoryTree, ListCategoryTree, [T.Categories]);
  bindClass(c, T.SearchMerchants, SearchMerchants, [T.Merchants, T.Categories]);
  bindClass(c, T.GetMerchantDetail, GetMerchantDetail, [T.Merchants]);
  bindClass(c, T.ListGoods, ListGoods, [T.Merchants, T.Goods]);
  bindClass(c, T.GetGoodsDetail, GetGoodsDetail, [T.Goods]);
  bindClass(c, T.PaymentCheck, PaymentCheck, [T.UnitOfWork, T.WechatPay, T.Random, T.OrderingLog]);
  bindClass(c, T.RefundSubmission, RefundSubmission, [T.UnitOfWork, T.WechatPay, T.PaymentSettings, T.OrderingLog]);
  bindClass(c, T.ReadChecks, ReadChecks, [T.Repositories, T.PaymentCheck, T.RefundSubmission, T.Clock]);
  bindClass(c, T.BuyGoods, BuyGoods, [T.Repositories, T.UnitOfWork, T.WechatPay, T.PaymentSettings, T.Random, T.Clock]);
  bindClass(c, T.PayOrder, PayOrder, [T.Repositories, T.ReadChecks, T.PaymentCheck, T.WechatPay, T.PaymentSettings, T.Clock]);
  bindClass(c, T.CancelOrder, CancelOrder, [T.Repositories, T.UnitOfWork, T.WechatPay, T.PaymentCheck, T.Clock]);
  bindClass(c, T.ConfirmPayment, ConfirmPayment, [T.Repositories, T.UnitOfWork, T.WechatPay, T.Random, T.Clock, T.OrderingLog]);
  bindClass(c, T.CloseExpiredOrders, CloseExpiredOrders, [T.Repositories, T.UnitOfWork, T.WechatPay, T.PaymentCheck, T.PaymentSettings, T.Clock, T.OrderingLog]);
  bindClass(c, T.RefundOrder, RefundOrder, [T.Repositories, T.UnitOfWork, T.RefundSubmission, T.Clock]);
  bindClass(c, T.ConfirmRefund, ConfirmRefund, [T.Repositories, T.WechatPay, T.RefundSubmission, T.Clock, T.OrderingLog]);
  bindClass(c, T.ReconcileWithWechatPay, ReconcileWithWechatPay, [T.Repositories, T.PaymentCheck, T.RefundSubmission, T.PaymentSettings, T.Clock, T.OrderingLog]);
  bindClass(c, T.RedeemCode, RedeemCode, [T.UnitOfWork, T.Clock]);
  bindClass(c, T.ListOrders, ListOrders, [T.Repositories]);
  bindClass(c, T.GetOrderDetail, GetOrderDetail, [T.Repositories, T.ReadChecks, T.Clock]);
  bindClass(c, T.MintBridgeTicket, MintBridgeTicket, [T.Repositories, T.Random, T.SecretHasher, T.Clock, T.PayTimeoutMs]);
  bindClass(c, T.CreateBridgeScene, CreateBridgeScene, [T.Repositories, T.MiniProgramCodes, T.Random, T.SecretHasher, T.Clock, T.PayTimeoutMs]);
  bindClass(c, T.LoginWithScene, LoginWithScene, [T.UnitOfWork, T.Clock]);
  bindClass(c, T.SendPurchaseNotices, SendPurchaseNotices, [T.Repositories, T.PurchaseNoticeSender, T.Random, T.Clock, T.PurchaseNoticePolicy]);

  // 4. Routes: each module handed the use cases it calls, by name; then the API document.
  c.bind(ROUTES.EdgeKit).toResolvedValue((authenticate: Authenticate) => ({ authenticate, allowAppidHeader: testBehaviours }), [T.Authenticate]);
  bindNamed(c, ROUTES.Identity, (deps) => identityRoutes({ ...deps, exposeVerifyCode: testBehaviours }), {
    kit: ROUTES.EdgeKit,
    wxLogin: T.WxLogin,
    sendVerifyCode: T.SendVerifyCode,
    bindMobile: T.BindMobile,
    loginWithScene: T.LoginWithScene,
  });
  bindNamed(c, ROUTES.Catalog, catalogRoutes, {
    kit: ROUTES.EdgeKit,
    getAreaTree: T.GetAreaTree,
    listCitiesWithHot: T.ListCitiesWithHot,
    locateByGps: T.LocateByGps,
    listCategoryTree: T.ListCategoryTree,
    searchMerchants: T.SearchMerchants,
    getMerchantDetail: T.GetMerchantDetail,
    listGoods: T.ListGoods,
    getGoodsDetail: T.GetGoodsDetail,
  });
  bindNamed(c, ROUTES.Orders, orderRoutes, {
    kit: ROUTES.EdgeKit,
    buyGoods: T.BuyGoods,
    payOrder: T.PayOrder,
    cancelOrder: T.CancelOrder,
    listOrders: T.ListOrders,
    getOrderDetail: T.GetOrderDetail,
    refundOrder: T.RefundOrder,
  });
  bindNamed(c, ROUTES.BridgeTicket, bridgeTicketRoutes, { kit: ROUTES.EdgeKit, mintBridgeTicket: T.MintBridgeTicket, publicBaseUrl: T.PublicBaseUrl });
  bindNamed(c, ROUTES.Bridge, bridgeRoutes, { createBridgeScene: T.CreateBridgeScene, logger: T.Logger });
  bindNamed(c, ROUTES.WechatNotify, (deps) => wechatNotifyRoutes({ ...deps, bodyLimitBytes: config.bodyLimitBytes }), {
    confirmPayment: T.ConfirmPayment,
    confirmRefund: T.ConfirmRefund,
    logger: T.Logger,
  });
  c.bind(ROUTES.Api).toResolvedValue(
    (identity: Router, catalog: Router, orders: Router, tickets: Router, bridge: Router, notify: Router) =>
      withApiDocument({ userRoutes: [identity, catalog, orders, tickets], rootRoutes: [bridge], rawBodyRoutes: [notify] }),
    [ROUTES.Identity, ROUTES.Catalog, ROUTES.Orders, ROUTES.BridgeTicket, ROUTES.Bridge, ROUTES.WechatNotify],
  );
  // The API app and the periodic jobs: built here, started by the process entry once it listens.
  c.bind(ROUTES.Metrics).toResolvedValue(() => infra.metrics ?? new AppMetrics(), []);
  c.bind(ROUTES.ApiApp).toResolvedValue(
    (routes: ApiRouteModules, metrics: AppMetrics) =>
      createApiApp({ logger, trustProxy: config.trustProxy, bodyLimitBytes: config.bodyLimitBytes, metrics, ...routes }),
    [ROUTES.Api, ROUTES.Metrics],
  );
  bindNamed(c, ROUTES.Timers, (jobs) => timers(config, logger, jobs), {
    closeExpiredOrders: T.CloseExpiredOrders,
    reconcile: T.ReconcileWithWechatPay,
    purgeExpired: T.PurgeExpired,
    sendPurchaseNotices: T.SendPurchaseNotices,
    metrics: ROUTES.Metrics,
  });

  // 5. Replacements for tests and embedders, last, so that the sections above stay the truth.
  if (overrides.clock) c.rebind(T.Clock).toConstantValue(overrides.clock);
  if (overrides.random) c.rebind(T.Random).toConstantValue(overrides.random);
  if (overrides.wechatAuth) c.rebind(T.LiveWechatAuth).toConstantValue(overrides.wechatAuth);
  if (overrides.wechatPay) c.rebind(T.WechatPay).toConstantValue(overrides.wechatPay);
  if (overrides.smsSender) c.rebind(T.SmsSender).toConstantValue(overrides.smsSender);
  if (overrides.purchaseNoticeSender) c.rebind(T.PurchaseNoticeSender).toConstantValue(overrides.purchaseNoticeSender);
  if (overrides.geocoder) c.rebind(T.Geocoder).toConstantValue(overrides.geocoder);
  if (config.crashAt) {
    // Crash tests (APP_ENV=test only): the process kills itself at the planned point.
    const crash = new CrashPoints(config.crashAt);
    c.onActivation(T.WechatPay, (_context, pay) => crash.after('wechat-pay', pay));
    c.onActivation(T.MiniProgramCodes, (_context, codes) => crash.after('mini-program-codes', codes));
    c.onActivation(T.UnitOfWork, (_context, uow) => crash.aroundCommit(uow));
  }
  const { metrics } = infra;
  if (metrics) {
    // A serving instance counts its calls to WeChat and WeChat Pay (`/metrics`).
    c.onActivation(T.WechatPay, (_context, pay) => metrics.meterCalls('pay', pay));
    c.onActivation(T.WechatAuth, (_context, auth) => metrics.meterCalls('auth', auth));
    c.onActivation(T.MiniProgramCodes, (_context, codes) => metrics.meterCalls('wxacode', codes));
  }
  return c;
}

/** The API's route modules, each with the use cases it calls, and the API document made from them. */
export function apiRoutes(container: Container): ApiRouteModules {
  return container.get(ROUTES.Api);
}

/** The Koa app of the API, on the routes of `apiRoutes`. */
export function apiApp(container: Container): Koa {
  return container.get(ROUTES.ApiApp);
}

/** The instance's periodic jobs, not yet started. */
export function jobTimers(container: Container): Timers {
  return container.get(ROUTES.Timers);
}

/**
 * The SMS provider of this run: Tencent Cloud with the configured credentials; else (never in
 * production) the sandbox's Tencent Cloud SMS at `sandboxBaseUrl`, through the same client with
 * the demo's public account; else (live WeChat, no sandbox) a sender that only logs.
 */
function smsProvider(config: AppConfig, sandboxBaseUrl: string | null, logger: Logger): SmsSender & PurchaseNoticeSender {
  if (config.sms) return new TencentSmsSender({ ...config.sms, timeoutMs: SMS_TIMEOUT_MS, logger });
  if (sandboxBaseUrl) {
    return new TencentSmsSender({
      secretId: DEMO_SMS_ACCOUNT.secretId,
      secretKey: DEMO_SMS_ACCOUNT.secretKey,
      sdkAppId: DEMO_SMS_ACCOUNT.sdkAppId,
      signName: DEMO_SMS_ACCOUNT.signName,
      templateId: demoSmsTemplateId('verify'),
      notifyTemplateId: demoSmsTemplateId('notice'),
      region: 'ap-guangzhou',
      endpoint: `${sandboxBaseUrl}${TENCENT_CLOUD_PATH}`,
      timeoutMs: SMS_TIMEOUT_MS,
      logger,
    });
  }
  return new LoggingSmsSender(logger);
}

/** The system clock, `ms` ahead (crash tests: an instance restarted later); the system clock itself for 0. */
function clockAhead(ms: number): Clock {
  return ms === 0 ? systemClock : { now: () => new Date(Date.now() + ms) };
}
