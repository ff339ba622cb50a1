import { type Caller, requireUser } from '../identity/caller.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories, UnitOfWork } from '../shared/repositories.js';
import { ownOrder } from './order-access.js';
import { OrderStatus } from './order-status.js';
import type { Order } from './order.js';
import { orderLock } from './record-payment.js';
import type { WechatPay } from './wechat-pay.js';

/**
 * `/order/cancel`: the caller's unpaid order becomes cancelled. The WeChat transaction is closed
 * first, so no payment can land after; if WeChat cannot be reached the order stays unpaid (70012).
 * A payment that won the race makes this 50002.
 */
export class CancelOrder {
  constructor(
    private readonly repositories: Repositories,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<Order> {
    const order = await ownOrder(this.repositories.orders, requireUser(caller), orderNo);
    if (order.status !== OrderStatus.Unpaid) throw new DomainError(50002);
    const oper = await this.repositories.opers.findById(order.operId);
    if (oper?.pay) await this.wechatPay.close(oper, order.orderNo);
    const now = this.clock.now();
    const cancelled = await this.uow.run(async ({ locks, orders, goods }) => {
      await locks.acquire(orderLock(order.orderNo));
      if (!(await orders.transition(order.id, [OrderStatus.Unpaid], OrderStatus.Cancelled, {}, now))) return false;
      await goods.releaseStock(order.goodsId, order.buyNumber);
      return true;
    });
    if (!cancelled) throw new DomainError(50002);
    return { ...order, status: OrderStatus.Cancelled };
  }
}
