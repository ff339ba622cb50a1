import type { NewOrder, NewRefund, Order } from '../../core/index.js';
import { mobileNumber, T0 } from './fixtures.js';
import type { RepositoryContext } from './repository-context.js';

/** A distinct 20-digit order number per `n`. */
export function orderNo(n: number): string {
  return `20250301${String(n).padStart(12, '0')}`;
}

/** A distinct 12-digit verification code per `n`. */
export function codeNumber(n: number): string {
  return `8${String(n).padStart(11, '0')}`;
}

/** A user to own orders (orders reference users), made through the port; resolves to its id. */
export async function aUser(context: RepositoryContext, n = 1): Promise<number> {
  return (await context.repositories.users.findOrCreateByMobile(mobileNumber(n), `用户${n}`, T0)).id;
}

/** Two units of a set meal, unpaid, created at T0. */
export function anOrder(userId: number, overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    operId: 1,
    orderNo: orderNo(1),
    userId,
    notifyMobile: mobileNumber(99),
    merchantId: 11,
    merchantName: '老北京涮肉（王府井店）',
    goodsId: 21,
    goodsName: '双人套餐',
    goodsPic: 'https://cdn.example.com/pic.jpg',
    goodsThumbUrl: 'https://cdn.example.com/thumb.jpg',
    price: 19900,
    buyNumber: 2,
    payPrice: 39800,
    createdAt: T0,
    ...overrides,
  };
}

/** What `add` makes of `input`: an unpaid order with nothing paid or refunded. */
export function unpaid(input: NewOrder, id: number): Order {
  return { ...input, id, prepaidAt: null, payTime: null, transactionId: null, refundPrice: null, refundTime: null, status: 1 };
}

/** The first refund attempt of `order`, fixed at `createdAt`. */
export function aRefund(order: Order, overrides: Partial<NewRefund> = {}): NewRefund {
  const attempt = overrides.attempt ?? 1;
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    operId: order.operId,
    attempt,
    outRefundNo: `${order.orderNo}R${attempt}`,
    amount: order.payPrice,
    createdAt: T0,
    ...overrides,
  };
}
