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
  /** Take the client address from `X-Forwarded-For` (only behind a proxy you run). */
  readonly trustProxy: boolean;
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
  /** How stale the in-memory opers and categories may be: their versions are checked this often. */
  readonly cacheMs: number;
}

/** Test behaviours (code `user`, `verify_code` in answers, `X-Appid`) are on outside production only. */
export function testBehavioursEnabled(config: AppConfig): boolean {
  return config.appEnv !== 'production';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A development key, derived from a public phrase: it protects nothing and production refuses it. */
const DEVELOPMENT_SECRET_KEY = Buffer.from('o2o-development-only-secret-key!', 'utf8');

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): AppConfig {
  const appEnv = parseAppEnv(env['APP_ENV']);
  const production = appEnv === 'production';
  const wechatSandboxUrl = optional(env['WECHAT_SANDBOX_URL']);
  const wechatMode = production ? 'live' : env['WECHAT_MODE'] === 'live' ? 'live' : 'sandbox';
  if (production && wechatSandboxUrl) throw new ConfigError('WECHAT_SANDBOX_URL is not allowed in production');
  const sms = parseSms(env);
  if (production && !sms) throw new ConfigError('production needs TENCENT_SMS_* credentials to send login codes');
  const rawKey = optional(env['SECRET_KEY']);
  if (production && !rawKey) throw new ConfigError('production needs SECRET_KEY (32 bytes, base64)');
  return {
    appEnv,
    host: env['HOST'] ?? '0.0.0.0',
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl: env['DATABASE_URL'] ?? 'sqlite:data/o2o.sqlite',
    publicBaseUrl: optional(env['PUBLIC_BASE_URL']),
    wechatMode,
    wechatSandboxUrl: wechatSandboxUrl?.replace(/\/+$/, '') ?? null,
    wechatApiBaseUrl: (env['WECHAT_API_BASE_URL'] ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    wechatTimeoutMs: integer(env, 'WECHAT_TIMEOUT_MS', 5000, 100, 60_000),
    secretKey: rawKey ? parseKey(rawKey) : DEVELOPMENT_SECRET_KEY,
    trustProxy: env['TRUST_PROXY'] === '1' || env['TRUST_PROXY'] === 'true',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    logLevel: env['LOG_LEVEL'] ?? (appEnv === 'test' ? 'silent' : 'info'),
    sms,
    verifyCodePolicy: {
      ...defaultVerifyCodePolicy,
      cooldownMs: integer(env, 'SMS_COOLDOWN_SECONDS', 60, 0, 86_400) * 1000,
      dailyPerMobile: integer(env, 'SMS_DAILY_PER_MOBILE', 10, 1, 1000),
      hourlyPerIp: integer(env, 'SMS_HOURLY_PER_IP', 30, 1, 100_000),
    },
    loadDemoData: !production && env['DEMO_DATA'] !== 'off',
    ...parseGeocoder(env),
    hotCityIds: parseCodes(env, 'HOT_CITY_IDS'),
    wechatPayApiBaseUrl: (env['WECHAT_PAY_API_BASE_URL'] ?? 'https://api.mch.weixin.qq.com').replace(/\/+$/, ''),
    payTimeoutMs: integer(env, 'PAY_TIMEOUT_MINUTES', 30, 1, 24 * 60) * 60_000,
    orderSweepMs: integer(env, 'ORDER_SWEEP_SECONDS', 30, 0, 3600) * 1000,
    housekeepingMs: integer(env, 'HOUSEKEEPING_MINUTES', 60, 0, 24 * 60) * 60_000,
    codeEnvVersion: parseEnvVersion(env['WECHAT_CODE_ENV_VERSION'], production),
    cacheMs: integer(env, 'CACHE_SECONDS', 5, 0, 3600) * 1000,
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

function parseKey(raw: string): Buffer {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('SECRET_KEY must be 32 bytes, base64-encoded');
  return key;
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
