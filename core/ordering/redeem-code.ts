import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { UnitOfWork } from '../repositories.js';
import { ITEM_MOVES, ItemStatus, ORDER_MOVES, OrderStatus, RefundStatus } from './order-status.js';
import { type OrderItem, orderLock } from './order.js';

export interface RedeemCodeInput {
  readonly verifyCode: string;
  /** The merchant redeeming: only its own orders' codes (else 50001, as if the code did not exist). */
  readonly merchantId: number;
}

/**
 * A merchant redeems a verification code in the shop (merchant side, no user route): the code
 * becomes used; when none of the order's codes is left unused the order is completed. Refused
 * (50002) while a refund attempt of the order is processing, or when the code is not unused.
 */
export class RedeemCode {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ verifyCode, merchantId }: RedeemCodeInput): Promise<OrderItem> {
    return this.uow.run(async ({ locks, orders, refunds }) => {
      const item = await orders.findItemByCode(verifyCode);
      const owner = item && (await orders.findById(item.orderId));
      if (!item || !owner || owner.merchantId !== merchantId) throw new DomainError(50001);
      await locks.acquire(orderLock(owner.orderNo));
      const order = await orders.findById(owner.id);
      if (order?.status !== OrderStatus.Paid || (await refunds.latestOf(owner.id))?.status === RefundStatus.Processing) {
        throw new DomainError(50002);
      }
      const now = this.clock.now();
      if ((await orders.moveItems(owner.id, ITEM_MOVES.redeem, now, item.id)) !== 1) throw new DomainError(50002);
      const items = (await orders.itemsOf([owner.id])).get(owner.id) ?? [];
      if (items.every((i) => i.status !== ItemStatus.Unused)) await orders.transition(owner.id, ORDER_MOVES.complete, {}, now);
      return items.find((i) => i.id === item.id)!;
    });
  }
}
