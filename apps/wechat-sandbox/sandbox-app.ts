import Koa from 'koa';
import { Router } from '@koa/router';
import type { SandboxMiniProgram } from './demo-apps.js';
import type { PayStateOptions } from './pay-state.js';
import { registerCgiBinRoutes } from './routes/cgi-bin-routes.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { registerMerchantRoutes } from './routes/merchant-routes.js';
import { registerPayControlRoutes } from './routes/pay-control-routes.js';
import { registerPayRoutes } from './routes/pay-routes.js';
import { registerSmsRoutes } from './routes/sms-routes.js';
import { registerSnsRoutes } from './routes/sns-routes.js';
import { registerWxaRoutes } from './routes/wxa-routes.js';
import { SILENT_LOGGER, type SandboxLogger } from './sandbox-logger.js';
import { createSandboxState, type SandboxState } from './sandbox-state.js';
import { DEMO_SMS_ACCOUNT, type SandboxSmsAccount } from './sms-account.js';

/** Every sandbox route starts with this path. */
export const SANDBOX_PREFIX = '/wechat-sandbox';

/** How to build a sandbox app. */
export interface SandboxAppOptions {
  /** The mini programs the sandbox knows (usually `DEMO_APPS`). */
  readonly apps: ReadonlyArray<SandboxMiniProgram>;
  /** Where to log one line per call and unexpected errors; silent by default. */
  readonly logger?: SandboxLogger;
  /**
   * The state to serve from; a fresh one by default. Pass your own to reach it from outside,
   * e.g. to call `state.held.releaseAll()` before closing a server that mounts the sandbox.
   */
  readonly state?: SandboxState;
  /** How long `fault-timeout` holds its answer (default 30 000 ms). */
  readonly holdMs?: number;
  /** WeChat Pay's notification retries and timings, for the state made when none is given. */
  readonly pay?: PayStateOptions;
  /** Access tokens' lifetime in seconds, for the state made when none is given (default 7 200). */
  readonly tokenTtlSeconds?: number;
  /** The Tencent Cloud SMS account the sandbox plays (default `DEMO_SMS_ACCOUNT`). */
  readonly smsAccount?: SandboxSmsAccount;
}

/**
 * The WeChat sandbox as a Koa app: every route is under `/wechat-sandbox`, so it can serve a
 * whole server or take the requests a main server hands it by path. It serves WeChat's `sns`
 * (code2Session), `cgi-bin` (getStableAccessToken) and `wxa` (getwxacodeunlimit) APIs, WeChat
 * Pay API v3 under `/v3/`, Tencent Cloud SMS `SendSms` under `/tencentcloud/sms`, and its own controls. Unknown routes answer 404
 * `{errcode: 404, errmsg}` (under `/v3/`: a signed `{code: 'NOT_FOUND', message}`); unexpected
 * failures 500 `{errcode: -1, errmsg: 'system error'}`.
 */
export function createSandboxApp(options: SandboxAppOptions): Koa {
  const state = options.state ?? createSandboxState({ pay: options.pay, tokenTtlSeconds: options.tokenTtlSeconds });
  const logger = options.logger ?? SILENT_LOGGER;
  const secrets = new Map(options.apps.map((app) => [app.appid, app.secret] as const));
  const secretOf = (appid: string): string | undefined => secrets.get(appid);
  const router = new Router({ prefix: SANDBOX_PREFIX });
  registerSnsRoutes(router, {
    state,
    logger,
    secretOf,
    holdMs: options.holdMs ?? 30_000,
  });
  registerCgiBinRoutes(router, { state, logger, secretOf });
  registerWxaRoutes(router, { state, logger });
  registerControlRoutes(router, state);
  registerPayRoutes(router, { state, logger });
  registerMerchantRoutes(router, state);
  registerPayControlRoutes(router, state);
  registerSmsRoutes(router, { state, logger, account: options.smsAccount ?? DEMO_SMS_ACCOUNT, holdMs: options.holdMs ?? 30_000 });

  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      logger.error(`sandbox ${ctx.method} ${ctx.path} failed: ${(error as Error)?.stack ?? String(error)}`);
      ctx.status = 500;
      ctx.body = { errcode: -1, errmsg: 'system error' };
    }
  });
  app.use(router.routes());
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { errcode: 404, errmsg: `no sandbox route for ${ctx.method} ${ctx.path}` };
  });
  return app;
}
