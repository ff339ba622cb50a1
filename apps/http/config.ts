import type { TencentSmsSenderOptions } from '../../adapters/sms/tencent-sms-sender.js';
import { type VerifyCodePolicy, defaultVerifyCodePolicy } from '../../core/index.js';

export type AppEnv = 'development' | 'test' | 'production';

/** Tencent Cloud SMS credentials; absent means codes are only logged (development). */
export type TencentSmsConfig = Pick<
  TencentSmsSenderOptions,
  'secretId' | 'secretKey' | 'sdkAppId' | 'signName' | 'templateId' | 'region'
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
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  readonly sms: TencentSmsConfig | null;
  readonly verifyCodePolicy: VerifyCodePolicy;
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
  /** How often each instance purges expired sessions, old SMS codes and old scenes; 0 turns it off. */
  readonly housekeepingMs: number;
  /** Which version of the mini program the bridge's codes open; `release` in production. */
  readonly codeEnvVersion: 'release' | 'trial' | 'develop';
}

/**
 * Test behaviours (code `user`, `verify_code` in answers, `X-Appid`) exist only while WeChat calls
 * go to a sandbox, and never in production: with `WECHAT_MODE=live` they are off whatever
 * `APP_ENV` says, so forgetting `APP_ENV` on a live deployment lets nobody in.
 */
export function testBehavioursEnabled(config: Pick<AppConfig, 'appEnv' | 'wechatMode'>): boolean {
  return config.appEnv !== 'production' && config.wechatMode === 'sandbox';
}

/** A setting the app refuses to start with; `problems` has one line for each. */
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

export function loadConfig(env: Env = process.env): AppConfig {
  const appEnv = parseAppEnv(env['APP_ENV']);
  const production = appEnv === 'production';
  const wechatSandboxUrl = optional(env['WECHAT_SANDBOX_URL']);
  const wechatMode = parseWechatMode(env['WECHAT_MODE'], production);
  const sms = parseSms(env);
  const rawKey = optional(env['SECRET_KEY']);
  const secretKey = rawKey === null ? null : parseKey(rawKey);
  const publicBaseUrl = parsePublicBaseUrl(env['PUBLIC_BASE_URL']);
  if (production) {
    const problems = productionProblems({ env, wechatSandboxUrl, sms, secretKey, publicBaseUrl });
    if (problems.length > 0) throw new ConfigError(problems);
  }
  return {
    appEnv,
    host: optional(env['HOST']) ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl: env['DATABASE_URL'] ?? 'sqlite:data/o2o.sqlite',
    publicBaseUrl,
    wechatMode,
    wechatSandboxUrl: wechatSandboxUrl?.replace(/\/+$/, '') ?? null,
    wechatApiBaseUrl: (env['WECHAT_API_BASE_URL'] ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    wechatTimeoutMs: integer(env, 'WECHAT_TIMEOUT_MS', 5000, 100, 60_000),
    secretKey: secretKey ?? DEVELOPMENT_SECRET_KEY,
    trustProxy: integer(env, 'TRUST_PROXY', 0, 0, 10),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    logLevel: env['LOG_LEVEL'] ?? (appEnv === 'test' ? 'silent' : 'info'),
    sms,
    verifyCodePolicy: {
      ...defaultVerifyCodePolicy,
      cooldownMs: integer(env, 'SMS_COOLDOWN_SECONDS', 60, 0, 86_400) * 1000,
      dailyPerMobile: integer(env, 'SMS_DAILY_PER_MOBILE', 10, 1, 1000),
      hourlyPerIp: integer(env, 'SMS_HOURLY_PER_IP', 30, 1, 100_000),
      hourlyPerToken: integer(env, 'SMS_HOURLY_PER_TOKEN', 5, 1, 1000),
    },
    loadDemoData: !production && env['DEMO_DATA'] !== 'off',
    ...parseGeocoder(env),
    hotCityIds: parseCodes(env, 'HOT_CITY_IDS'),
    wechatPayApiBaseUrl: (env['WECHAT_PAY_API_BASE_URL'] ?? 'https://api.mch.weixin.qq.com').replace(/\/+$/, ''),
    payTimeoutMs: integer(env, 'PAY_TIMEOUT_MINUTES', 30, 1, 24 * 60) * 60_000,
    orderSweepMs: integer(env, 'ORDER_SWEEP_SECONDS', 30, 0, 3600) * 1000,
    housekeepingMs: integer(env, 'HOUSEKEEPING_MINUTES', 60, 0, 24 * 60) * 60_000,
    codeEnvVersion: parseEnvVersion(env['WECHAT_CODE_ENV_VERSION'], production),
  };
}

function parseGeocoder(env: Env): Pick<AppConfig, 'geocoder' | 'tencentLbsKey'> {
  const geocoder = optional(env['GEOCODER']) ?? 'offline';
  if (geocoder !== 'offline' && geocoder !== 'tencent') throw new ConfigError(`GEOCODER must be offline or tencent, not "${geocoder}"`);
  const tencentLbsKey = optional(env['TENCENT_LBS_KEY']);
  if (geocoder === 'tencent' && !tencentLbsKey) throw new ConfigError('GEOCODER=tencent needs TENCENT_LBS_KEY');
  return { geocoder, tencentLbsKey };
}

function parseEnvVersion(raw: string | undefined, production: boolean): AppConfig['codeEnvVersion'] {
  const value = optional(raw) ?? (production ? 'release' : 'develop');
  if (value !== 'release' && value !== 'trial' && value !== 'develop') {
    throw new ConfigError(`WECHAT_CODE_ENV_VERSION must be release, trial or develop, not "${value}"`);
  }
  return value;
}

function parseCodes(env: Env, name: string): number[] | null {
  const raw = optional(env[name]);
  if (raw === null) return null;
  const codes = raw.split(',').map((part) => Number(part.trim()));
  if (codes.some((code) => !Number.isInteger(code) || code < 100000 || code > 999999)) {
    throw new ConfigError(`${name} must be a comma-separated list of 6-digit area codes`);
  }
  return codes;
}

function parseAppEnv(raw: string | undefined): AppEnv {
  if (raw === undefined || raw === '') return 'development';
  if (raw === 'development' || raw === 'test' || raw === 'production') return raw;
  throw new ConfigError(`APP_ENV must be development, test or production, not "${raw}"`);
}

function optional(raw: string | undefined): string | null {
  return raw === undefined || raw.trim() === '' ? null : raw.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/**
 * Everything production refuses, one line each: WeChat calls must go to WeChat, login codes must
 * go out by SMS, secrets must be sealed with a key of the deployment's own, and WeChat Pay must
 * reach the service over https.
 */
function productionProblems(given: {
  env: Env;
  wechatSandboxUrl: string | null;
  sms: TencentSmsConfig | null;
  secretKey: Buffer | null;
  publicBaseUrl: string | null;
}): string[] {
  const problems: string[] = [];
  if (given.wechatSandboxUrl) problems.push('WECHAT_SANDBOX_URL is not allowed in production: WeChat calls must go to WeChat');
  if (optional(given.env['WECHAT_MODE']) === 'sandbox') problems.push('WECHAT_MODE=sandbox is not allowed in production: set live or leave it unset');
  if (!given.sms) problems.push('production needs TENCENT_SMS_* credentials to send login codes');
  if (!given.secretKey) problems.push('production needs SECRET_KEY: 32 random bytes, base64-encoded (e.g. openssl rand -base64 32)');
  else if (given.secretKey.equals(DEVELOPMENT_SECRET_KEY)) problems.push('SECRET_KEY is the public development key: production needs a key of its own');
  if (!given.publicBaseUrl) problems.push('production needs PUBLIC_BASE_URL: the https address where WeChat Pay reaches this service');
  else if (!given.publicBaseUrl.startsWith('https://')) problems.push(`PUBLIC_BASE_URL must be https in production, not "${given.publicBaseUrl}"`);
  return problems;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 of exactly 32 bytes: Node's decoder silently drops characters outside the alphabet. */
function parseKey(raw: string): Buffer {
  if (!BASE64.test(raw)) throw new ConfigError('SECRET_KEY is not valid base64 (only A-Z a-z 0-9 + / and = padding)');
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError(`SECRET_KEY must decode to exactly 32 bytes, not ${key.length}`);
  return key;
}

function parseWechatMode(raw: string | undefined, production: boolean): AppConfig['wechatMode'] {
  const value = optional(raw);
  if (value !== null && value !== 'sandbox' && value !== 'live') throw new ConfigError(`WECHAT_MODE must be sandbox or live, not "${value}"`);
  return production ? 'live' : (value ?? 'sandbox');
}

/** An absolute http(s) address without a trailing slash, or null when unset. */
function parsePublicBaseUrl(raw: string | undefined): string | null {
  const value = optional(raw);
  if (value === null) return null;
  if (!URL.canParse(value)) throw new ConfigError(`PUBLIC_BASE_URL must be an absolute http(s) address, not "${value}"`);
  const url = new URL(value);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an absolute http(s) address without query or credentials, not "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

function parseSms(env: Env): TencentSmsConfig | null {
  const secretId = optional(env['TENCENT_SMS_SECRET_ID']);
  if (!secretId) return null;
  const need = (name: string): string => {
    const value = optional(env[name]);
    if (!value) throw new ConfigError(`${name} is required with TENCENT_SMS_SECRET_ID`);
    return value;
  };
  return {
    secretId,
    secretKey: need('TENCENT_SMS_SECRET_KEY'),
    sdkAppId: need('TENCENT_SMS_SDK_APP_ID'),
    signName: need('TENCENT_SMS_SIGN_NAME'),
    templateId: need('TENCENT_SMS_TEMPLATE_ID'),
    region: optional(env['TENCENT_SMS_REGION']) ?? 'ap-guangzhou',
  };
}
