import type { TencentSmsSenderOptions } from '../../adapters/sms/tencent-sms-sender.js';
import {
  type PurchaseNoticePolicy,
  type VerifyCodePolicy,
  defaultPurchaseNoticePolicy,
  defaultVerifyCodePolicy,
} from '../../core/index.js';
import { EnvReader } from './config-reader.js';
import { type CrashPlan, parseCrashPlan } from '../http/crash-points.js';

export type AppEnv = 'development' | 'test' | 'production';

/**
 * Tencent Cloud SMS credentials and templates; absent outside production means SMS go to the
 * sandbox (or, with live WeChat and no sandbox, are only logged).
 */
export type TencentSmsConfig = Pick<
  TencentSmsSenderOptions,
  'secretId' | 'secretKey' | 'sdkAppId' | 'signName' | 'templateId' | 'notifyTemplateId' | 'region'
>;

/** Everything the app reads from its environment, parsed and checked once at start. */
export interface AppConfig {
  readonly appEnv: AppEnv;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** Where WeChat Pay sends notifications; defaults to this server on loopback. */
  readonly publicBaseUrl: string | null;
  /**
   * `sandbox`: WeChat calls go to the sandbox (mounted here, or the one at `wechatSandboxUrl`).
   * `live`: they go to WeChat. Production is always live.
   */
  readonly wechatMode: 'sandbox' | 'live';
  readonly wechatSandboxUrl: string | null;
  readonly wechatApiBaseUrl: string;
  readonly wechatTimeoutMs: number;
  /** 32-byte key sealing per-oper secrets at rest. */
  readonly secretKey: Buffer;
  /**
   * How many proxies of yours stand in front (`TRUST_PROXY=N`): the client address is the N-th
   * entry from the right of `X-Forwarded-For`, which no client can choose. 0: the socket's address.
   */
  readonly trustProxy: number;
  /** Serve `/metrics` to every caller, not only to loopback ones. */
  readonly metricsPublic: boolean;
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  readonly sms: TencentSmsConfig | null;
  readonly verifyCodePolicy: VerifyCodePolicy;
  /** Purchase notices: the template parameter limit, retries and back-off. */
  readonly purchaseNoticePolicy: PurchaseNoticePolicy;
  /** How often each instance sends the purchase notices due; 0 turns the job off. */
  readonly noticePollMs: number;
  /** Load the demo data into an empty database (never in production). */
  readonly loadDemoData: boolean;
  /** `offline`: county boundaries shipped with the project; `tencent`: Tencent LBS with `tencentLbsKey`. */
  readonly geocoder: 'offline' | 'tencent';
  readonly tencentLbsKey: string | null;
  /** The `热门` cities of `/area/cities/withHot`, in order. */
  readonly hotCityIds: readonly number[] | null;
  readonly wechatPayApiBaseUrl: string;
  /** Unpaid orders are closed this long after creation. */
  readonly payTimeoutMs: number;
  /** How often each instance sweeps for unpaid orders past the timeout; 0 turns the sweeper off. */
  readonly orderSweepMs: number;
  /** How often each instance reconciles with WeChat Pay (unpaid orders with a prepay, processing refunds); 0 never. */
  readonly reconcileMs: number;
  /** How many unpaid orders a user may hold; `/order/buy` beyond answers 50004. */
  readonly maxUnpaidOrdersPerUser: number;
  /** How often each instance purges expired sessions, old SMS codes and old scenes; 0 turns it off. */
  readonly housekeepingMs: number;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before they are cut off. */
  readonly shutdownGraceMs: number;
  /** Crash tests only (`CRASH_AT`, refused outside `APP_ENV=test`): where the process kills itself. */
  readonly crashAt: CrashPlan | null;
  /**
   * Crash tests only (`CLOCK_AHEAD_SECONDS`, refused outside `APP_ENV=test`): the domain clock runs
   * this far ahead of real time, as an instance restarted that much later (WeChat Pay signatures keep
   * real time). 0 elsewhere.
   */
  readonly clockAheadMs: number;
  /** Which version of the mini program the bridge's codes open; `release` in production. */
  readonly codeEnvVersion: 'release' | 'trial' | 'develop';
  /** How stale the in-memory opers and categories may be: their versions are checked this often. */
  readonly cacheMs: number;
}

/**
 * Test behaviours (code `user`, `verify_code` in answers, `X-Appid`) exist only while WeChat calls
 * go to a sandbox, and never in production: with `WECHAT_MODE=live` they are off whatever
 * `APP_ENV` says, so forgetting `APP_ENV` on a live deployment lets nobody in.
 */
export function testBehavioursEnabled(config: Pick<AppConfig, 'appEnv' | 'wechatMode'>): boolean {
  return config.appEnv !== 'production' && config.wechatMode === 'sandbox';
}

/** A configuration with problems; the message has one line per problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const lines = typeof problems === 'string' ? [problems] : problems;
    super(lines.join('\n'));
    this.problems = lines;
  }
}

/** A development key, derived from a public phrase: it protects nothing and production refuses it. */
const DEVELOPMENT_SECRET_KEY = Buffer.from('o2o-development-only-secret-key!', 'utf8');

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The configuration of `env`, checked whole: every problem found is one line of the
 * {@link ConfigError} thrown (`problems` lists them), so that an operator fixes them in one go.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const appEnv = read.choice('APP_ENV', ['development', 'test', 'production'], 'development');
  const production = appEnv === 'production';
  const wechatSandboxUrl = read.url('WECHAT_SANDBOX_URL');
  // Production is always live: WECHAT_MODE is read there only to refuse an explicit sandbox.
  const wechatMode = production ? 'live' : read.choice('WECHAT_MODE', ['sandbox', 'live'], 'sandbox');
  const sms = parseSms(read);
  const rawKey = read.optional('SECRET_KEY');
  const secretKey = rawKey === null ? null : parseKey(read, rawKey);
  const publicBaseUrl = read.url('PUBLIC_BASE_URL');
  if (production) refuseUnsafeProduction(read, { wechatSandboxUrl, sms, rawKey, secretKey, publicBaseUrl });
  const config: AppConfig = {
    appEnv,
    host: read.optional('HOST') ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: read.integer('PORT', 3000, 0, 65535),
    databaseUrl: parseDatabaseUrl(read),
    publicBaseUrl,
    wechatMode,
    wechatSandboxUrl,
    wechatApiBaseUrl: read.url('WECHAT_API_BASE_URL', 'https://api.weixin.qq.com')!,
    wechatTimeoutMs: read.integer('WECHAT_TIMEOUT_MS', 5000, 100, 60_000),
    secretKey: secretKey ?? DEVELOPMENT_SECRET_KEY,
    trustProxy: read.integer('TRUST_PROXY', 0, 0, 10),
    metricsPublic: read.flag('METRICS_PUBLIC'),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    logLevel: read.choice('LOG_LEVEL', LOG_LEVELS, appEnv === 'test' ? 'silent' : 'info'),
    sms,
    verifyCodePolicy: {
      ...defaultVerifyCodePolicy,
      cooldownMs: read.integer('SMS_COOLDOWN_SECONDS', 60, 0, 86_400) * 1000,
      dailyPerMobile: read.integer('SMS_DAILY_PER_MOBILE', 10, 1, 1000),
      hourlyPerIp: read.integer('SMS_HOURLY_PER_IP', 30, 1, 100_000),
      hourlyPerToken: read.integer('SMS_HOURLY_PER_TOKEN', 5, 1, 1000),
    },
    purchaseNoticePolicy: {
      ...defaultPurchaseNoticePolicy,
      maxParamLength: read.integer('TENCENT_SMS_PARAM_MAX_LENGTH', defaultPurchaseNoticePolicy.maxParamLength, 12, 300),
      retryDelayMs: read.integer('NOTICE_RETRY_MS', defaultPurchaseNoticePolicy.retryDelayMs, 10, 3600_000),
    },
    noticePollMs: read.integer('NOTICE_POLL_MS', 2000, 0, 3600_000),
    loadDemoData: !production && read.choice('DEMO_DATA', ['on', 'off'], 'on') === 'on',
    ...parseGeocoder(read),
    hotCityIds: read.areaCodes('HOT_CITY_IDS'),
    wechatPayApiBaseUrl: read.url('WECHAT_PAY_API_BASE_URL', 'https://api.mch.weixin.qq.com')!,
    payTimeoutMs: read.integer('PAY_TIMEOUT_MINUTES', 30, 1, 24 * 60) * 60_000,
    orderSweepMs: read.integer('ORDER_SWEEP_SECONDS', 30, 0, 3600) * 1000,
    reconcileMs: read.integer('RECONCILE_SECONDS', 60, 0, 86_400) * 1000,
    maxUnpaidOrdersPerUser: read.integer('MAX_UNPAID_ORDERS_PER_USER', 5, 1, 1000),
    housekeepingMs: read.integer('HOUSEKEEPING_MINUTES', 60, 0, 24 * 60) * 60_000,
    shutdownGraceMs: read.integer('SHUTDOWN_GRACE_SECONDS', 10, 0, 600) * 1000,
    crashAt: parseCrashAt(read, appEnv),
    cacheMs: read.integer('CACHE_SECONDS', 5, 0, 3600) * 1000,
    clockAheadMs: parseClockAhead(read, appEnv),
    codeEnvVersion: read.choice('WECHAT_CODE_ENV_VERSION', ['release', 'trial', 'develop'], production ? 'release' : 'develop'),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** `CLOCK_AHEAD_SECONDS` (crash tests): refused outside APP_ENV=test. */
function parseClockAhead(read: EnvReader, appEnv: AppEnv): number {
  const seconds = read.integer('CLOCK_AHEAD_SECONDS', 0, 0, 86_400);
  if (seconds !== 0 && appEnv !== 'test') {
    read.problem('CLOCK_AHEAD_SECONDS (crash tests) is refused outside APP_ENV=test');
    return 0;
  }
  return seconds * 1000;
}

/** `CRASH_AT` (crash tests): refused outside APP_ENV=test. */
function parseCrashAt(read: EnvReader, appEnv: AppEnv): CrashPlan | null {
  const raw = read.optional('CRASH_AT');
  if (raw !== null && appEnv !== 'test') {
    read.problem('CRASH_AT (crash tests) is refused outside APP_ENV=test');
    return null;
  }
  try {
    return parseCrashPlan(raw);
  } catch (error) {
    read.problem(error instanceof Error ? error.message : String(error));
    return null;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parseDatabaseUrl(read: EnvReader): string {
  const url = read.optional('DATABASE_URL') ?? 'sqlite:data/o2o.sqlite';
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return url;
  if (url.startsWith('mysql://') && URL.canParse(url)) return url;
  read.problem('DATABASE_URL must be sqlite:<path>, sqlite::memory: or mysql://user:pass@host:port/db');
  return url;
}

function parseGeocoder(read: EnvReader): Pick<AppConfig, 'geocoder' | 'tencentLbsKey'> {
  const geocoder = read.choice('GEOCODER', ['offline', 'tencent'], 'offline');
  const tencentLbsKey = read.optional('TENCENT_LBS_KEY');
  if (geocoder === 'tencent' && !tencentLbsKey) read.problem('GEOCODER=tencent needs TENCENT_LBS_KEY');
  return { geocoder, tencentLbsKey };
}

/**
 * Everything production refuses, one line each: WeChat calls must go to WeChat, login codes must
 * go out by SMS, secrets must be sealed with a key of the deployment's own, and WeChat Pay must
 * reach the service over https.
 */
function refuseUnsafeProduction(
  read: EnvReader,
  given: {
    wechatSandboxUrl: string | null;
    sms: TencentSmsConfig | null;
    rawKey: string | null;
    /** Null when SECRET_KEY is unset or was refused already. */
    secretKey: Buffer | null;
    publicBaseUrl: string | null;
  },
): void {
  if (given.wechatSandboxUrl) read.problem('WECHAT_SANDBOX_URL is not allowed in production: WeChat calls must go to WeChat');
  if (read.optional('WECHAT_MODE') === 'sandbox') read.problem('WECHAT_MODE=sandbox is not allowed in production: set live or leave it unset');
  if (!given.sms) read.problem('production needs TENCENT_SMS_* credentials to send login codes and purchase notices');
  if (!given.rawKey) read.problem('production needs SECRET_KEY: 32 random bytes, base64-encoded (e.g. openssl rand -base64 32)');
  else if (given.secretKey?.equals(DEVELOPMENT_SECRET_KEY)) read.problem('SECRET_KEY is the public development key: production needs a key of its own');
  // One that is set but is no address was named by its reader already.
  if (!read.optional('PUBLIC_BASE_URL')) read.problem('production needs PUBLIC_BASE_URL: the https address where WeChat Pay reaches this service');
  else if (given.publicBaseUrl && !given.publicBaseUrl.startsWith('https://')) {
    read.problem(`PUBLIC_BASE_URL must be https in production, not "${given.publicBaseUrl}"`);
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 of exactly 32 bytes (Node's decoder silently drops characters outside the alphabet); null after a problem. */
function parseKey(read: EnvReader, raw: string): Buffer | null {
  if (!BASE64.test(raw)) {
    read.problem('SECRET_KEY is not valid base64 (only A-Z a-z 0-9 + / and = padding)');
    return null;
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    read.problem(`SECRET_KEY must decode to exactly 32 bytes, not ${key.length}`);
    return null;
  }
  return key;
}

function parseSms(read: EnvReader): TencentSmsConfig | null {
  const secretId = read.optional('TENCENT_SMS_SECRET_ID');
  if (!secretId) return null;
  const need = (name: string): string => {
    const value = read.optional(name);
    if (!value) read.problem(`${name} is required with TENCENT_SMS_SECRET_ID`);
    return value ?? '';
  };
  return {
    secretId,
    secretKey: need('TENCENT_SMS_SECRET_KEY'),
    sdkAppId: need('TENCENT_SMS_SDK_APP_ID'),
    signName: need('TENCENT_SMS_SIGN_NAME'),
    templateId: need('TENCENT_SMS_TEMPLATE_ID'),
    notifyTemplateId: need('TENCENT_SMS_NOTIFY_TEMPLATE_ID'),
    region: read.optional('TENCENT_SMS_REGION') ?? 'ap-guangzhou',
  };
}
