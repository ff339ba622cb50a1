import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { enrolMerchant, merchantView } from '../pay-merchants.js';
import { readRawBody } from '../raw-body.js';
import type { SandboxState } from '../sandbox-state.js';

/**
 * Registers the sandbox's merchant enrolment (a sandbox control, not a WeChat API):
 * - `POST /merchants {mchid, merchantSerial, merchantPublicKey, apiV3Key, appids}` enrols a
 *   WeChat Pay merchant account, or enrols it again replacing its keys and appids; answers
 *   `{platformSerial, platformPublicKey}`, what the merchant verifies WeChat Pay with.
 * - `GET /merchants/{mchid}`: the enrolment without the API v3 key.
 * Errors: 400 / 404 `{code, message}`.
 */
export function registerMerchantRoutes(router: Router, state: SandboxState): void {
  const pay = state.pay;

  router.post('/merchants', async (ctx) => {
    const raw = await readRawBody(ctx.req);
    let body: unknown;
    try {
      body = raw === null ? undefined : JSON.parse(raw);
    } catch {
      return fail(ctx, 400, 'PARAM_ERROR', 'the body must be JSON');
    }
    const answer = await enrolMerchant(pay, body);
    if (typeof answer === 'string') return fail(ctx, 400, 'PARAM_ERROR', answer);
    ctx.body = answer;
  });

  router.get('/merchants/:mchid', async (ctx) => {
    const merchant = pay.merchants.get(ctx.params.mchid!);
    if (!merchant) return fail(ctx, 404, 'NOT_FOUND', `merchant ${ctx.params.mchid} is not enrolled`);
    ctx.body = merchantView(merchant, await pay.platformKeys());
  });
}

/** Answers a sandbox control error `{code, message}`. */
export function fail(ctx: Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { code, message };
}
