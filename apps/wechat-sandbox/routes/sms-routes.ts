import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { firstValues } from '../query-params.js';
import { readRawBody } from '../raw-body.js';
import type { SandboxLogger } from '../sandbox-logger.js';
import type { SandboxState } from '../sandbox-state.js';
import { type SandboxSmsAccount, TENCENT_CLOUD_PATH } from '../sms-account.js';
import { tc3Refusal } from '../sms-auth.js';
import { SMS_FAULTS, isSmsFault } from '../sms-state.js';
import { checkSendSms, type SendSmsRequest } from '../sms-request.js';

export interface SmsRouteDeps {
  readonly state: SandboxState;
  readonly logger: SandboxLogger;
  readonly account: SandboxSmsAccount;
  /** How long a `timeout` fault holds its answer. */
  readonly holdMs: number;
}

/**
 * Registers Tencent Cloud SMS and its controls:
 * - `POST /tencentcloud/sms`: API 3.0 `SendSms` (version 2021-01-11), TC3-HMAC-SHA256 verified with
 *   the account's SecretKey; answers `{Response: {SendStatusSet, RequestId}}` or
 *   `{Response: {Error: {Code, Message}, RequestId}}` with HTTP 200, as Tencent does;
 * - `GET /sms?mobile=`: the SMS accepted, newest first, `{mobile, template_id, params, time, …}`;
 * - `POST /sms/faults {fault, times?, mobile?}`: the next `times` (default 1) SendSms calls, or
 *   those to `mobile`, fail with `fault` (see `SMS_FAULTS`); `DELETE /sms/faults` clears them.
 */
export function registerSmsRoutes(router: Router, deps: SmsRouteDeps): void {
  const { state } = deps;
  router.post(TENCENT_CLOUD_PATH, (ctx) => sendSms(ctx, deps));

  router.get('/sms', (ctx) => {
    const { mobile } = firstValues(ctx.query, ['mobile'] as const);
    ctx.body = state.sms.list(mobile);
  });

  router.post('/sms/faults', async (ctx) => {
    const body = parseJson(await readRawBody(ctx.req));
    const fault = body?.['fault'];
    const times = body?.['times'] ?? 1;
    const mobile = body?.['mobile'] ?? null;
    if (typeof fault !== 'string' || !isSmsFault(fault)) {
      return refuse(ctx, `fault must be one of ${Object.keys(SMS_FAULTS).join(', ')}`);
    }
    if (typeof times !== 'number' || !Number.isSafeInteger(times) || times < 1) return refuse(ctx, 'times must be a positive integer');
    if (mobile !== null && (typeof mobile !== 'string' || !/^1\d{10}$/.test(mobile))) return refuse(ctx, 'mobile must be 11 digits');
    state.sms.addFault(fault, times, mobile);
    ctx.body = { fault, times, mobile };
  });

  router.delete('/sms/faults', (ctx) => {
    state.sms.clearFaults();
    ctx.status = 204;
  });

}

async function sendSms(ctx: Context, deps: SmsRouteDeps): Promise<void> {
  const { state, account, logger } = deps;
  const requestId = randomUUID();
  const answer = (response: Record<string, unknown>) => {
    ctx.status = 200;
    ctx.body = { Response: { ...response, RequestId: requestId } };
  };
  const error = (code: string, message: string) => {
    logger.info(`sandbox sms SendSms refused: ${code}`);
    answer({ Error: { Code: code, Message: message } });
  };
  const raw = await readRawBody(ctx.req);
  if (raw === null) return error('InvalidParameter', 'The request body is too large.');
  if (ctx.get('X-TC-Action') !== 'SendSms') return error('InvalidAction', `The action "${ctx.get('X-TC-Action')}" is not supported.`);
  if (ctx.get('X-TC-Version') !== '2021-01-11') return error('NoSuchVersion', 'The API version is not supported.');
  if (!ctx.get('X-TC-Region')) return error('MissingParameter', 'The parameter `Region` is missing.');
  const refusal = tc3Refusal(
    { [account.secretId]: account.secretKey },
    { method: ctx.method, path: ctx.path, headers: ctx.req.headers, body: raw },
    Math.floor(state.sms.now().getTime() / 1000),
  );
  if (refusal) return error(refusal, 'The provided credentials could not be validated. Please check your signature is correct.');
  const request = parseJson(raw) as SendSmsRequest | null;
  if (request === null) return error('InvalidParameter', 'The request body is not a JSON object.');
  const checked = checkSendSms(account, request);
  if ('code' in checked) return error(checked.code, checked.message);

  const fault = state.sms.takeFault(checked.numbers.map((number) => number.mobile ?? ''));
  if (fault === '500') {
    ctx.status = 500;
    ctx.body = 'internal server error';
    return;
  }
  if (fault === 'garbage') {
    ctx.status = 200;
    ctx.type = 'text/html';
    ctx.body = '<html><body>502 Bad Gateway</body></html>';
    return;
  }
  if (fault === 'timeout') {
    await state.held.hold(ctx.res, deps.holdMs);
    if (ctx.res.destroyed) return;
    return error('InternalError.Timeout', 'The request timed out.');
  }
  if (fault !== null && SMS_FAULTS[fault] === 'request') return error(fault, `Simulated failure: ${fault}.`);

  const session = typeof request.SessionContext === 'string' ? request.SessionContext : '';
  const statuses = checked.numbers.map(({ given, mobile }) => {
    if (mobile === null) {
      return { SerialNo: '', PhoneNumber: given, Fee: 0, SessionContext: session, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect phone number', IsoCode: 'DEF' };
    }
    if (fault !== null) {
      return { SerialNo: '', PhoneNumber: `+86${mobile}`, Fee: 0, SessionContext: session, Code: fault, Message: `Simulated failure: ${fault}.`, IsoCode: 'CN' };
    }
    const record = state.sms.record({ mobile, template_id: checked.template.id, params: checked.params, content: checked.content });
    logger.info(`sandbox sms SendSms to ${mobile.slice(0, 3)}****${mobile.slice(-4)} template ${checked.template.id}`);
    return { SerialNo: record.serial_no, PhoneNumber: `+86${mobile}`, Fee: checked.fee, SessionContext: session, Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
  });
  answer({ SendStatusSet: statuses });
}

function refuse(ctx: Context, message: string): void {
  ctx.status = 400;
  ctx.body = { errcode: 400, errmsg: message };
}

function parseJson(raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
