import { type Caller, requireUser } from '../identity/caller.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories, UnitOfWork } from '../repositories.js';
import { ownOrder } from './order-access.js';
import { ORDER_MOVES, OrderStatus } from './order-status.js';
import { type Order, orderLock } from './order.js';
import type { PaymentCheck } from './payment-check.js';
import type { WechatPay } from './wechat-pay.js';

/**
 * `/order/cancel`: the caller's unpaid order becomes cancelled and its stock goes back. The
 * WeChat transaction is closed first, so no payment can land after; if WeChat cannot be reached
 * the order stays unpaid (70012). When closing finds the order paid (`ORDER_PAID`: the payment
 * won the race and its notification is on its way), the payment is recorded now and the answer
 * is 50002, as for any payment that won.
 */
export class CancelOrder {
  constructor(
    private readonly ports: Pick<Repositories, 'orders' | 'opers'>,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly payments: PaymentCheck,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<Order> {
    const order = await ownOrder(this.ports.orders, requireUser(caller), orderNo);
    if (order.status !== OrderStatus.Unpaid) throw new DomainError(50002);
    const oper = await this.ports.opers.findById(order.operId);
    if (oper?.pay && (await this.wechatPay.close(oper, order.orderNo)) === 'paid') {
      await this.payments.run(oper, order, this.clock.now());
      throw new DomainError(50002);
    }
    const now = this.clock.now();
    const cancelled = await this.uow.run(async ({ locks, orders, goods }) => {
      await locks.acquire(orderLock(order.orderNo));
      if (!(await orders.transition(order.id, ORDER_MOVES.cancel, {}, now))) return false;
      await goods.releaseStock(order.goodsId, order.buyNumber);
      return true;
    });
    if (!cancelled) throw new DomainError(50002);
    return { ...order, status: OrderStatus.Cancelled };
  }
}
