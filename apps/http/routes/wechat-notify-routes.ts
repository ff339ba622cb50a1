import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { ConfirmPayment, ConfirmRefund, RawNotification } from '../../../core/index.js';
import { BodyTooLarge, readRawBody } from '../edge/raw-body.js';
import { positiveId } from '../edge/strict-number.js';

export interface WechatNotifyRouteDeps {
  readonly confirmPayment: ConfirmPayment;
  readonly confirmRefund: ConfirmRefund;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
}

const ACKNOWLEDGED = new Set(['recorded', 'already-recorded', 'not-a-success', 'settled', 'already-settled']);

/**
 * WeChat Pay's notifications, outside the envelope: read raw (the signature covers the exact
 * bytes), verified and acted on by the use cases; answered as WeChat Pay v3 expects: 204 when
 * handled, otherwise 4xx/5xx with `{code: 'FAIL', message}` so that WeChat tries again.
 */
export function wechatNotifyRoutes(deps: WechatNotifyRouteDeps): Router {
  const handle = (kind: 'payment' | 'refund') => async (ctx: Context) => {
    const requestId = ctx.state['requestId'];
    const operId = positiveId(String(ctx.params['operId']));
    const refuse = (status: number, message: string) => {
      ctx.status = status;
      ctx.body = { code: 'FAIL', message };
    };
    let notification: RawNotification;
    try {
      notification = await readNotification(ctx, deps.bodyLimitBytes);
    } catch (error) {
      // The sender's fault (too large, cut off): WeChat's FAIL body with a 4xx, a warning, no stack.
      const reason = error instanceof BodyTooLarge ? 'body too large' : 'body unreadable';
      deps.logger.warn({ requestId, kind, reason, error: error instanceof Error ? error.message : String(error) }, 'wechat pay notification refused');
      refuse(error instanceof BodyTooLarge ? 413 : 400, error instanceof BodyTooLarge ? '请求体过大' : '请求体无法读取');
      return;
    }
    if (operId === null) {
      deps.logger.warn({ requestId, kind, path: ctx.path }, 'wechat pay notification for no oper');
      refuse(404, 'oper_id 应为十进制正整数');
      return;
    }
    let outcome: string;
    try {
      outcome = kind === 'payment'
        ? await deps.confirmPayment.execute({ operId, notification })
        : await deps.confirmRefund.execute({ operId, notification });
    } catch (error) {
      deps.logger.error({ err: error, requestId, kind, operId }, 'wechat pay notification failed');
      refuse(500, '处理失败');
      return;
    }
    const fields = { requestId, kind, operId, outcome };
    if (ACKNOWLEDGED.has(outcome)) {
      deps.logger.info(fields, 'wechat pay notification');
      ctx.status = 204;
      return;
    }
    // Not genuine, or not this oper's, or not matching the order: refused, so WeChat tries again.
    deps.logger.warn(fields, 'wechat pay notification refused');
    refuse(outcome === 'rejected' || outcome === 'unknown-oper' ? 401 : 400, outcome);
  };
  return new Router().post('/api/wechat/pay/notify/:operId', handle('payment')).post('/api/wechat/refund/notify/:operId', handle('refund'));
}

async function readNotification(ctx: Context, limitBytes: number): Promise<RawNotification> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(ctx.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
  return { headers, body: await readRawBody(ctx.req, limitBytes) };
}
