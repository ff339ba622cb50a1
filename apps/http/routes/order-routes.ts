import { Router } from '@koa/router';
import type { BuyGoods, CancelOrder, GetOrderDetail, ListOrders, OrderStatus, PayOrder, RefundOrder } from '../../../core/index.js';
import { type EdgeKit, apiHandler } from '../edge/api-handler.js';
import { ParamSchema } from '../edge/validation.js';
import { orderJson, refundJson, sdkConfigJson } from '../presenters/order-presenters.js';

export interface OrderRouteDeps {
  readonly kit: EdgeKit;
  readonly buyGoods: BuyGoods;
  readonly payOrder: PayOrder;
  readonly cancelOrder: CancelOrder;
  readonly listOrders: ListOrders;
  readonly getOrderDetail: GetOrderDetail;
  readonly refundOrder: RefundOrder;
}

const ORDER_NO = { type: 'string', pattern: '^\\d{1,32}$' } as const;

const buyParams = new ParamSchema<{ goods_id: number; number: number; notify_mobile?: string }>({
  type: 'object',
  properties: {
    goods_id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
    number: { type: 'integer', minimum: 1, maximum: 99 },
    notify_mobile: { type: 'string', pattern: '^1[3-9]\\d{9}$', nullable: true },
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
      apiHandler(kit, 'user', buyParams, async ({ params, caller }) => {
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
      apiHandler(kit, 'user', orderNoParams, async ({ params, caller }) => ({
        order_no: params.order_no,
        sdk_config: sdkConfigJson(await deps.payOrder.execute({ caller, orderNo: params.order_no })),
      })),
    )
    .post(
      '/order/cancel',
      apiHandler(kit, 'user', orderNoParams, async ({ params, caller }) => {
        await deps.cancelOrder.execute({ caller, orderNo: params.order_no });
        const detail = await deps.getOrderDetail.execute({ caller, orderNo: params.order_no });
        return orderJson(detail, caller.user!.name, caller.operId);
      }),
    )
    .get(
      '/orders',
      apiHandler(kit, 'user', listParams, async ({ params, caller }) => {
        const { total, list } = await deps.listOrders.execute({
          caller,
          status: params.status ?? null,
          page: params.page,
          pageSize: params.page_size,
        });
        return { total, list: list.map((o) => orderJson(o, caller.user!.name, caller.operId)) };
      }),
    )
    .get(
      '/order/detail',
      apiHandler(kit, 'user', orderNoParams, async ({ params, caller }) =>
        orderJson(await deps.getOrderDetail.execute({ caller, orderNo: params.order_no }), caller.user!.name, caller.operId),
      ),
    )
    .post(
      '/order/refund',
      apiHandler(kit, 'user', orderNoParams, async ({ params, caller }) =>
        refundJson(await deps.refundOrder.execute({ caller, orderNo: params.order_no })),
      ),
    );
}
