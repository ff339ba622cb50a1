import { Router } from '@koa/router';
import {
  type BuyGoods,
  type CancelOrder,
  type GetOrderDetail,
  isOwnOrder,
  type ListOrders,
  MAX_UNITS_PER_ORDER,
  Mobile,
  OrderNo,
  type OrderStatus,
  type PayOrder,
  type RefundOrder,
} from '../../../core/index.js';
import { type EdgeKit, apiHandler } from '../edge/api-handler.js';
import { ANSWERS } from '../openapi/answers.js';
import { ParamSchema } from '../edge/validation.js';
import { orderDetailJson, orderJson, refundJson, sdkConfigJson } from '../presenters/order-presenters.js';

export interface OrderRouteDeps {
  readonly kit: EdgeKit;
  readonly buyGoods: BuyGoods;
  readonly payOrder: PayOrder;
  readonly cancelOrder: CancelOrder;
  readonly listOrders: ListOrders;
  readonly getOrderDetail: GetOrderDetail;
  readonly refundOrder: RefundOrder;
}

const ORDER_NO = { type: 'string', pattern: OrderNo.pattern.source } as const;

const buyParams = new ParamSchema<{ goods_id: number; number: number; notify_mobile?: string }>({
  type: 'object',
  properties: {
    goods_id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
    number: { type: 'integer', minimum: 1, maximum: MAX_UNITS_PER_ORDER },
    notify_mobile: { type: 'string', pattern: Mobile.pattern.source, nullable: true },
  },
  required: ['goods_id', 'number'],
});

const orderNoParams = new ParamSchema<{ order_no: string }>({
  type: 'object',
  properties: { order_no: ORDER_NO },
  required: ['order_no'],
});

const listParams = new ParamSchema<{ status?: OrderStatus; page: number; page_size: number }>({
  type: 'object',
  properties: {
    status: { type: 'integer', enum: [1, 2, 3, 4, 6, 7], nullable: true },
    page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    page_size: { type: 'integer', minimum: 1, maximum: 100, default: 15 },
  },
  required: [],
});

/** Buying, paying, cancelling, listing and refunding the caller's orders. */
export function orderRoutes(deps: OrderRouteDeps): Router {
  const { kit } = deps;
  return new Router()
    .post(
      '/order/buy',
      apiHandler(kit, 'user', { params: buyParams, answer: ANSWERS.buy, summary: '下单' }, async ({ params, caller }) => {
        const { order, isOperSelf, sdkConfig } = await deps.buyGoods.execute({
          caller,
          goodsId: params.goods_id,
          number: params.number,
          notifyMobile: params.notify_mobile ?? null,
        });
        return {
          order_no: order.orderNo,
          isOperSelf: isOperSelf ? 1 : 0,
          ...(sdkConfig ? { sdk_config: sdkConfigJson(sdkConfig) } : {}),
        };
      }),
    )
    .post(
      '/order/pay',
      // A token without a user may pay an order a scene login granted it; the use case decides.
      apiHandler(kit, 'token', { params: orderNoParams, answer: ANSWERS.pay, summary: '为未支付订单重新发起支付' }, async ({ params, caller }) => ({
        order_no: params.order_no,
        sdk_config: sdkConfigJson(await deps.payOrder.execute({ caller, orderNo: params.order_no })),
      })),
    )
    .post(
      '/order/cancel',
      apiHandler(kit, 'user', { params: orderNoParams, answer: ANSWERS.order, summary: '取消未支付订单 (并关闭微信支付交易)' }, async ({ params, caller }) => {
        // An order cancelled unpaid has neither codes nor refunds: the use case's answer is all of it.
        const order = await deps.cancelOrder.execute({ caller, orderNo: params.order_no });
        return orderDetailJson({ order, items: [], refunds: [] }, caller.user.name, caller.operId);
      }),
    )
    .get(
      '/orders',
      apiHandler(kit, 'user', { params: listParams, answer: ANSWERS.orders, summary: '订单列表' }, async ({ params, caller }) => {
        const { total, list } = await deps.listOrders.execute({
          caller,
          status: params.status ?? null,
          page: params.page,
          pageSize: params.page_size,
        });
        return { total, list: list.map((o) => orderJson(o, caller.user.name, caller.operId)) };
      }),
    )
    .get(
      '/order/detail',
      // As /order/pay: a granted order is seen without a user, and without its codes or refunds.
      apiHandler(kit, 'token', { params: orderNoParams, answer: ANSWERS.order, summary: '订单详情' }, async ({ params, caller }) => {
        const detail = await deps.getOrderDetail.execute({ caller, orderNo: params.order_no });
        const user = caller.user;
        return orderDetailJson(detail, user && isOwnOrder(detail.order, caller) ? user.name : '', caller.operId);
      }),
    )
    .post(
      '/order/refund',
      apiHandler(kit, 'user', { params: orderNoParams, answer: ANSWERS.refund, summary: '退款' }, async ({ params, caller }) =>
        refundJson(await deps.refundOrder.execute({ caller, orderNo: params.order_no })),
      ),
    );
}
