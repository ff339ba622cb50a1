import { Container } from 'inversify';
import type { Knex } from 'knex';
import type { DestinationStream, Logger } from 'pino';
import {
  Authenticate,
  BindMobile,
  type Clock,
  type Geocoder,
  type PurchaseNoticeSender,
  PurgeExpired,
  type Random,
  SendVerifyCode,
  type SmsSender,
  type WechatAuth,
  type WechatPay,
  WxLogin,
  systemClock,
} from '../../core/index.js';
import { NodeRandom } from '../../adapters/crypto/node-random.js';
import { HmacVerifyCodeDigest } from '../../adapters/crypto/hmac-verify-code-digest.js';
import { SecretBox } from '../../adapters/crypto/secret-box.js';
import { Sha256SecretHasher } from '../../adapters/crypto/sha256-secret-hasher.js';
import { KnexUnitOfWork } from '../../adapters/knex/knex-unit-of-work.js';
import { knexRepositories } from '../../adapters/knex/knex-repositories.js';
import { KnexCacheVersions } from '../../adapters/knex/knex-cache-versions.js';
import { MerchantPointIndex } from '../../adapters/knex/merchant-point-index.js';
import { CACHE_MAX_AGE_MS, VersionedCopy, VersionWatch, withCaches } from '../../adapters/cache/index.js';
import { HttpWechatAuth } from '../../adapters/wechat/http-wechat-auth.js';
import { TestCodeWechatAuth } from '../../adapters/wechat/test-code-wechat-auth.js';
import { sandboxOpenId } from '../wechat-sandbox/demo-apps.js';
import { bindBridge } from './bridge-bindings.js';
import { bindCatalog } from './catalog-bindings.js';
import { bindNotices, createSmsProvider } from './notice-bindings.js';
import { CrashPoints } from './crash-points.js';
import { bindOrdering } from './ordering-bindings.js';
import { type AppConfig, testBehavioursEnabled } from './config.js';
import { TOKENS as T } from './tokens.js';

/** How many merchant search totals an instance keeps (past it, it starts afresh). */
const MERCHANT_TOTALS_KEPT = 10_000;

/** What exists before the container: the configuration, the log, the migrated database. */
export interface Infrastructure {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly db: Knex;
  /** Base URL of WeChat's API for this run: WeChat itself or a sandbox. */
  readonly wechatApiBaseUrl: string;
  /** Base URL of WeChat Pay's API for this run: WeChat Pay itself or a sandbox. */
  readonly wechatPayApiBaseUrl: string;
  /** Where WeChat Pay reaches this service (notifications). */
  readonly publicBaseUrl: string;
  /** The WeChat sandbox of this run (its Tencent Cloud SMS too), or null when WeChat is live. */
  readonly sandboxBaseUrl: string | null;
  readonly geocoder: Geocoder;
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

/**
 * The composition root: the only place that knows which adapter serves which port. Core classes
 * are built by factories here, so core carries no decorators.
 */
export function buildContainer(infra: Infrastructure, overrides: Overrides = {}): Container {
  const { config } = infra;
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(T.Config).toConstantValue(config);
  c.bind(T.Logger).toConstantValue(infra.logger);
  c.bind(T.Database).toConstantValue(infra.db);
  c.bind(T.WechatApiBaseUrl).toConstantValue(infra.wechatApiBaseUrl);
  c.bind(T.WechatPayApiBaseUrl).toConstantValue(infra.wechatPayApiBaseUrl);
  c.bind(T.PublicBaseUrl).toConstantValue(infra.publicBaseUrl);

  c.bind(T.Clock).toConstantValue(overrides.clock ?? clockAhead(config.clockAheadMs));
  c.bind(T.Random).toConstantValue(overrides.random ?? new NodeRandom());
  c.bind(T.SecretHasher).toConstantValue(new Sha256SecretHasher());
  c.bind(T.SecretBox).toConstantValue(new SecretBox(config.secretKey));
  // Opers, categories and merchant search totals are read through caches, whose versions are
  // watched on real time, whatever the clock.
  c.bind(T.Repositories).toResolvedValue((db: Knex) => {
    const watch = new VersionWatch(new KnexCacheVersions(db), systemClock, config.cacheMs, CACHE_MAX_AGE_MS);
    const totals = new VersionedCopy<string, number>(watch, 'merchants', MERCHANT_TOTALS_KEPT);
    const points = new MerchantPointIndex(db, () => watch.versionOf('merchants'), (error) =>
      infra.logger.warn({ err: error }, 'the nearby index could not be built; nearby searches read the table'),
    );
    return withCaches(knexRepositories(db, { merchantTotals: (key, count) => totals.get(key, count), merchantPoints: points }), watch);
  }, [T.Database]);
  c.bind(T.UnitOfWork).toResolvedValue((db: Knex) => new KnexUnitOfWork(db), [T.Database]);

  c.bind(T.WechatAuth).toResolvedValue(
    (baseUrl: string, secrets: SecretBox, logger: Logger) => {
      const live = overrides.wechatAuth ?? new HttpWechatAuth({ baseUrl, timeoutMs: config.wechatTimeoutMs, secrets, logger });
      return testBehavioursEnabled(config) ? new TestCodeWechatAuth(live, (appid) => sandboxOpenId(appid, 'user')) : live;
    },
    [T.WechatApiBaseUrl, T.SecretBox, T.Logger],
  );
  const sms = createSmsProvider(config, infra.sandboxBaseUrl, infra.logger);
  c.bind(T.SmsSender).toConstantValue(overrides.smsSender ?? sms);

  c.bind(T.Authenticate).toResolvedValue(
    (repos, hasher, clock) => new Authenticate(repos, hasher, clock),
    [T.Repositories, T.SecretHasher, T.Clock],
  );
  c.bind(T.WxLogin).toResolvedValue(
    (repos, wechat, random, hasher, clock) => new WxLogin(repos, wechat, random, hasher, clock),
    [T.Repositories, T.WechatAuth, T.Random, T.SecretHasher, T.Clock],
  );
  c.bind(T.VerifyCodeDigest).toConstantValue(new HmacVerifyCodeDigest(config.secretKey));
  c.bind(T.SendVerifyCode).toResolvedValue(
    (uow, sms, random, digest, clock) => new SendVerifyCode(uow, sms, random, digest, clock, config.verifyCodePolicy),
    [T.UnitOfWork, T.SmsSender, T.Random, T.VerifyCodeDigest, T.Clock],
  );
  c.bind(T.BindMobile).toResolvedValue(
    (uow, digest, clock) => new BindMobile(uow, digest, clock, config.verifyCodePolicy),
    [T.UnitOfWork, T.VerifyCodeDigest, T.Clock],
  );
  c.bind(T.PurgeExpired).toResolvedValue((repos, clock) => new PurgeExpired(repos, clock), [T.Repositories, T.Clock]);
  bindCatalog(c, config, overrides.geocoder ?? infra.geocoder);
  bindOrdering(c, config, infra.publicBaseUrl, overrides.wechatPay);
  bindBridge(c, config);
  bindNotices(c, config, overrides.purchaseNoticeSender ?? sms);
  if (config.crashAt) {
    // Crash tests (APP_ENV=test only): the process kills itself at the planned point.
    const crash = new CrashPoints(config.crashAt);
    c.onActivation(T.WechatPay, (_context, pay) => crash.after('wechat-pay', pay));
    c.onActivation(T.MiniProgramCodes, (_context, codes) => crash.after('mini-program-codes', codes));
    c.onActivation(T.UnitOfWork, (_context, uow) => crash.aroundCommit(uow));
  }
  return c;
}

/** The system clock, `ms` ahead (crash tests: an instance restarted later); the system clock itself for 0. */
function clockAhead(ms: number): Clock {
  return ms === 0 ? systemClock : { now: () => new Date(Date.now() + ms) };
}
