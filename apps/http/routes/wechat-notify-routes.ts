import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { ConfirmPayment, ConfirmRefund, RawNotification } from '../../../core/index.js';
import { readRawBody } from '../edge/raw-body.js';

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
    const operId = Number(ctx.params['operId']);
    let outcome: string;
    try {
      const notification = await readNotification(ctx, deps.bodyLimitBytes);
      outcome = !Number.isSafeInteger(operId) || operId < 1
        ? 'unknown-oper'
        : kind === 'payment'
          ? await deps.confirmPayment.execute({ operId, notification })
          : await deps.confirmRefund.execute({ operId, notification });
    } catch (error) {
      deps.logger.error({ err: error, requestId: ctx.state['requestId'], kind, operId }, 'wechat pay notification failed');
      ctx.status = 500;
      ctx.body = { code: 'FAIL', message: '处理失败' };
      return;
    }
    const fields = { requestId: ctx.state['requestId'], kind, operId, outcome };
    if (ACKNOWLEDGED.has(outcome)) {
      deps.logger.info(fields, 'wechat pay notification');
      ctx.status = 204;
      return;
    }
    deps.logger.warn(fields, 'wechat pay notification refused');
    ctx.status = outcome === 'rejected' || outcome === 'unknown-oper' ? 401 : 400;
    ctx.body = { code: 'FAIL', message: outcome };
  };
  return new Router().post('/api/wechat/pay/notify/:operId', handle('payment')).post('/api/wechat/refund/notify/:operId', handle('refund'));
}

async function readNotification(ctx: Context, limitBytes: number): Promise<RawNotification> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(ctx.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
  return { headers, body: await readRawBody(ctx.req, limitBytes) };
}
