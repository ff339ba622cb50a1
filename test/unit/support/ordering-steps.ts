import { expect } from 'chai';
import {
  BuyGoods,
  CancelOrder,
  CloseExpiredOrders,
  ConfirmPayment,
  ConfirmRefund,
  GetOrderDetail,
  ListOrders,
  PayOrder,
  PaymentCheck,
  ReadChecks,
  ReconcileWithWechatPay,
  RedeemCode,
  RefundOrder,
  RefundSubmission,
  type Caller,
  type Order,
  type OrderItem,
  type PaymentNotice,
} from '../../../core/index.js';
import { notificationOf } from './in-memory-wechat-pay.js';
import { APP1, APP2, APP3, GOODS, type OrderingWorld, settings } from './ordering-world.js';

const APPS: Record<number, string> = { 1: APP1, 2: APP2, 3: APP3 };

/** Every ordering use case, wired to the world's ports. */
export function orderingUseCases(world: OrderingWorld) {
  const { repositories, uow, wechatPay, random, clock, log } = world;
  const payments = new PaymentCheck(uow, wechatPay, random, log);
  const submission = new RefundSubmission(uow, wechatPay, settings, log);
  const checks = new ReadChecks(repositories, payments, submission, clock);
  return {
    buyGoods: new BuyGoods(repositories, uow, wechatPay, settings, random, clock),
    payOrder: new PayOrder(repositories, checks, payments, wechatPay, settings, clock),
    cancelOrder: new CancelOrder(repositories, uow, wechatPay, payments, clock),
    confirmPayment: new ConfirmPayment(repositories, uow, wechatPay, random, clock, log),
    closeExpiredOrders: new CloseExpiredOrders(repositories, uow, wechatPay, payments, settings, clock, log),
    reconcile: new ReconcileWithWechatPay(repositories, payments, submission, settings, clock, log),
    refundOrder: new RefundOrder(repositories, uow, submission, clock),
    confirmRefund: new ConfirmRefund(repositories, wechatPay, submission, clock, log),
    redeemCode: new RedeemCode(uow, clock),
    listOrders: new ListOrders(repositories),
    getOrderDetail: new GetOrderDetail(repositories, checks, clock),
  };
}

/**
 * An unpaid order placed through BuyGoods by `caller` (by default alice in oper 2's mini program,
 * so no prepay is asked for goods of another oper).
 */
export async function placeOrder(
  world: OrderingWorld,
  { goodsId = GOODS.onShelf, number = 1, caller = world.callerIn(2) }: { goodsId?: number; number?: number; caller?: Caller } = {},
): Promise<Order> {
  const { order } = await orderingUseCases(world).buyGoods.execute({ caller, goodsId, number, notifyMobile: null });
  return order;
}

/** The notice WeChat Pay sends when `order` is paid in full one minute after it was created. */
export function paymentOf(order: Order, overrides: Partial<PaymentNotice> = {}): PaymentNotice {
  return {
    mchid: `190000000${order.operId}`,
    appid: APPS[order.operId]!,
    outTradeNo: order.orderNo,
    transactionId: `4200${order.orderNo.slice(-10)}`,
    tradeState: 'SUCCESS',
    amountFen: order.payPrice,
    payerOpenId: 'openid-payer',
    successTime: new Date(order.createdAt.getTime() + 60_000),
    ...overrides,
  };
}

/** Confirms the payment of `order` through ConfirmPayment and returns the order as stored now. */
export async function confirmPaid(world: OrderingWorld, order: Order): Promise<Order> {
  const outcome = await orderingUseCases(world).confirmPayment.execute({ operId: order.operId, notification: notificationOf(paymentOf(order)) });
  expect(outcome).to.equal('recorded');
  return (await world.repositories.orders.findById(order.id))!;
}

/** A paid order of `number` units of `goodsId`, with its codes. */
export async function paidOrder(world: OrderingWorld, goodsId: number = GOODS.onShelf, number = 1): Promise<{ order: Order; items: OrderItem[] }> {
  const order = await confirmPaid(world, await placeOrder(world, { goodsId, number }));
  return { order, items: await itemsOf(world, order) };
}

export async function itemsOf(world: OrderingWorld, order: Order): Promise<OrderItem[]> {
  return (await world.repositories.orders.itemsOf([order.id])).get(order.id) ?? [];
}

export async function statusOf(world: OrderingWorld, order: Order): Promise<number | undefined> {
  return (await world.repositories.orders.findById(order.id))?.status;
}

export async function goodsOf(world: OrderingWorld, goodsId: number): Promise<{ stock: number | null; sellNumber: number }> {
  const goods = (await world.repositories.goods.findById(goodsId))!;
  return { stock: goods.stock, sellNumber: goods.sellNumber };
}

/** Settles every promise and sorts the outcomes: values fulfilled, and the DomainError codes (or errors) of rejections. */
export async function settled<T>(promises: readonly Promise<T>[]): Promise<{ values: T[]; codes: unknown[] }> {
  const results = await Promise.allSettled(promises);
  const values: T[] = [];
  const codes: unknown[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') values.push(result.value);
    else codes.push((result.reason as { code?: unknown }).code ?? result.reason);
  }
  return { values, codes };
}
