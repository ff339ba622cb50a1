import type { Router } from '@koa/router';
import { isPayError, PAY_ERRORS } from '../pay-errors.js';
import { settleRefundSoon } from '../pay-notify.js';
import { parseJsonObject, validateJsapi, validateRefund } from '../pay-validation.js';
import { refundView, transactionView } from '../pay-views.js';
import { payRoute, sendSigned, type PayWireDeps } from '../pay-wire.js';
import { firstValues } from '../query-params.js';

/**
 * Registers WeChat Pay API v3 (JSAPI payments and domestic refunds), each call verified against
 * the enrolled merchant's key and answered signed with the platform key:
 * - `POST /v3/pay/transactions/jsapi` → 200 `{prepay_id}`
 * - `GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=` → 200 the transaction
 * - `POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close` `{mchid}` → 204
 * - `POST /v3/refund/domestic/refunds` → 200 the refund (PROCESSING; SUCCESS and notified soon)
 * - `GET /v3/refund/domestic/refunds/{out_refund_no}` → 200 the refund
 * Errors are `{code, message}` with WeChat's statuses; other `/v3/` paths answer 404 NOT_FOUND.
 */
export function registerPayRoutes(router: Router, deps: PayWireDeps): void {
  const pay = deps.state.pay;

  router.post('/v3/pay/transactions/jsapi', payRoute(deps, 'pay-jsapi', ({ merchant, body }) => {
    const json = parseJsonObject(body);
    if (isPayError(json)) return json;
    const order = validateJsapi(json);
    if (isPayError(order)) return order;
    if (order.mchid !== merchant.mchid) return PAY_ERRORS.paramError('请求中的mchid与Authorization中的商户号不一致');
    if (!merchant.appids.includes(order.appid)) return PAY_ERRORS.appidMchidNotMatch();
    const tx = pay.ledger.prepay(order, pay.now());
    return isPayError(tx) ? tx : { status: 200, body: { prepay_id: tx.prepayId } };
  }));

  router.get('/v3/pay/transactions/out-trade-no/:out_trade_no', payRoute(deps, 'pay-query', ({ merchant, ctx }) => {
    const { mchid } = firstValues(ctx.query, ['mchid'] as const);
    if (!mchid) return PAY_ERRORS.paramError('输入源“/query/mchid”校验失败：必填');
    if (mchid !== merchant.mchid) return PAY_ERRORS.paramError('请求中的mchid与Authorization中的商户号不一致');
    const tx = pay.ledger.find(mchid, ctx.params.out_trade_no!);
    return tx ? { status: 200, body: transactionView(tx) } : PAY_ERRORS.orderNotExist();
  }));

  router.post('/v3/pay/transactions/out-trade-no/:out_trade_no/close', payRoute(deps, 'pay-close', ({ merchant, body, ctx }) => {
    const json = parseJsonObject(body);
    if (isPayError(json)) return json;
    if (typeof json.mchid !== 'string' || json.mchid === '') return PAY_ERRORS.paramError('输入源“/body/mchid”校验失败：必填');
    if (json.mchid !== merchant.mchid) return PAY_ERRORS.paramError('请求中的mchid与Authorization中的商户号不一致');
    return pay.ledger.close(merchant.mchid, ctx.params.out_trade_no!) ?? { status: 204 };
  }));

  router.post('/v3/refund/domestic/refunds', payRoute(deps, 'refund', ({ merchant, body }) => {
    const json = parseJsonObject(body);
    if (isPayError(json)) return json;
    const order = validateRefund(json);
    if (isPayError(order)) return order;
    const result = pay.ledger.refund(merchant.mchid, order, pay.now());
    if (isPayError(result)) return result;
    // The answer shows the refund as created (PROCESSING), however soon it ends.
    const answer = refundView(result.refund);
    if (result.created) settleRefundSoon(pay, result.tx, result.refund);
    return { status: 200, body: answer };
  }));

  router.get('/v3/refund/domestic/refunds/:out_refund_no', payRoute(deps, 'refund-query', ({ merchant, ctx }) => {
    const refund = pay.ledger.findRefund(merchant.mchid, ctx.params.out_refund_no!);
    return refund ? { status: 200, body: refundView(refund) } : PAY_ERRORS.resourceNotExists('退款单不存在');
  }));

  router.all('/v3/*rest', async (ctx) => {
    await sendSigned(deps, ctx, PAY_ERRORS.notFound(`no WeChat Pay API ${ctx.method} ${ctx.path}`));
  });
}
