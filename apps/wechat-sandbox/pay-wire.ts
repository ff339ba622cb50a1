import { randomBytes } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { PayApi } from './call-log.js';
import type { FaultKind } from './pay-faults.js';
import { verifySignedRequest, parseAuthorization } from './pay-auth.js';
import { platformSignatureHeaders } from './pay-crypto.js';
import { isPayError, PAY_ERRORS, type PayError } from './pay-errors.js';
import type { SandboxMerchant } from './pay-merchants.js';
import type { SandboxLogger } from './sandbox-logger.js';
import type { SandboxState } from './sandbox-state.js';
import { readRawBody } from './raw-body.js';

/** A successful WeChat Pay answer: a status and a JSON body, or no body (204). */
export interface PayAnswer {
  readonly status: number;
  readonly body?: object;
}

/** A request whose signature verified, as a handler sees it. */
export interface VerifiedCall {
  readonly merchant: SandboxMerchant;
  /** The body exactly as received (empty for GET). */
  readonly body: string;
  readonly ctx: Context;
}

/** What the v3 routes need. */
export interface PayWireDeps {
  readonly state: SandboxState;
  readonly logger: SandboxLogger;
}

/** WeChat's path of a request: from `/v3/` on, with the query string as sent. */
export function wechatPath(ctx: Context): string {
  const url = ctx.originalUrl;
  const start = url.indexOf('/v3/');
  return start < 0 ? url : url.slice(start);
}

/**
 * The paths a client may have signed: WeChat's path without the mount prefix, and the URL path
 * and query exactly as sent (mount prefix included, as an SDK pointed at `…/wechat-sandbox` signs
 * it). WeChat's path first: a client written for WeChat Pay signs that one, and each path tried
 * costs an RSA verification.
 */
export function signablePaths(ctx: Context): string[] {
  return [...new Set([wechatPath(ctx), ctx.originalUrl])];
}

/**
 * Wraps a v3 handler in WeChat Pay's wire protocol: reads the raw body, verifies the
 * Authorization signature (401 SIGN_ERROR otherwise), runs the handler, and signs whatever it
 * answers (errors included) with the platform key; records the call.
 */
export function payRoute(
  deps: PayWireDeps,
  api: PayApi,
  handle: (call: VerifiedCall) => PayAnswer | PayError | Promise<PayAnswer | PayError>,
): Middleware {
  return async (ctx) => {
    const pay = deps.state.pay;
    const raw = await readRawBody(ctx.req);
    const path = wechatPath(ctx);
    const authorization = ctx.get('Authorization') || undefined;
    let answer: PayAnswer | PayError;
    let fault: FaultKind | null = null;
    if (raw === null) {
      answer = PAY_ERRORS.paramError('请求体过大');
    } else {
      const merchant = verifySignedRequest(
        { method: ctx.method, path, signablePaths: signablePaths(ctx), body: raw, authorization },
        (mchid) => pay.merchants.get(mchid),
        pay.now(),
      );
      fault = isPayError(merchant) ? null : pay.faults.take(api);
      if (fault === '500') answer = PAY_ERRORS.systemError();
      else if (fault === 'refused') answer = PAY_ERRORS.notEnough();
      else answer = isPayError(merchant) ? merchant : await handle({ merchant, body: raw, ctx });
    }
    if (fault === 'timeout' || fault === 'garbage' || fault === 'unsigned') {
      await sendSpoilt(deps, ctx, answer, fault);
    } else {
      await sendSigned(deps, ctx, answer);
    }
    const code = isPayError(answer) ? answer.code : undefined;
    const mchid = parseAuthorization(authorization)?.mchid ?? null;
    deps.state.calls.record({ api, mchid, method: ctx.method, path, outcome: { status: answer.status, ...(code ? { code } : {}) } });
    deps.logger.info(`wechat pay ${api} mchid=${mchid ?? '-'} → ${answer.status}${code ? ` ${code}` : ''}${fault ? ` (fault ${fault})` : ''}`);
  };
}

/** Sends an answer signed with the platform key, as WeChat Pay signs every answer. */
export async function sendSigned(deps: PayWireDeps, ctx: Context, answer: PayAnswer | PayError): Promise<void> {
  const pay = deps.state.pay;
  const platform = await pay.platformKeys();
  const body = isPayError(answer)
    ? { code: answer.code, message: answer.message, ...(answer.detail ? { detail: answer.detail } : {}) }
    : answer.body;
  const text = body === undefined ? '' : JSON.stringify(body);
  ctx.set(platformSignatureHeaders(platform, text, pay.now()));
  ctx.set('Request-ID', requestId());
  ctx.status = answer.status;
  if (text === '') {
    ctx.body = null;
  } else {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = text;
  }
}

/** How long a `timeout` fault holds its answer at most (the client gives up long before). */
const FAULT_HOLD_MS = 60_000;

/** An answer spoilt by a fault after the call took effect: held back, replaced by garbage, or unsigned. */
async function sendSpoilt(deps: PayWireDeps, ctx: Context, answer: PayAnswer | PayError, fault: 'timeout' | 'garbage' | 'unsigned'): Promise<void> {
  if (fault === 'timeout') {
    await deps.state.held.hold(ctx.res, FAULT_HOLD_MS);
    ctx.respond = false;
    if (!ctx.res.destroyed) ctx.res.destroy();
    return;
  }
  if (fault === 'garbage') {
    // What a broken proxy in between would send: a 200 that is neither JSON nor signed.
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = '<html><body>502 Bad Gateway</body></html>';
    return;
  }
  await sendSigned(deps, ctx, answer);
  for (const name of ['Wechatpay-Signature', 'Wechatpay-Serial', 'Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature-Type']) ctx.remove(name);
}

function requestId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}
