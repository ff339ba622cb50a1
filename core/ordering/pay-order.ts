import type { Caller } from '../identity/caller.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories } from '../shared/repositories.js';
import { payableByCaller } from './order-access.js';
import { OrderStatus } from './order-status.js';
import type { PaymentSettings } from './payment-settings.js';
import { requestPayment } from './request-payment.js';
import type { PaySdkConfig, WechatPay } from './wechat-pay.js';

/**
 * `/order/pay`: a fresh `sdk_config` for the caller's unpaid order (or one a scene login granted
 * its token: paying for someone is allowed, the codes stay the owner's), only in a mini program of the
 * order's oper (50003), and only before its pay timeout (50002).
 */
export class PayOrder {
  constructor(
    private readonly repositories: Repositories,
    private readonly wechatPay: WechatPay,
    private readonly settings: PaymentSettings,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<PaySdkConfig> {
    const order = await payableByCaller(this.repositories, caller, orderNo, this.clock.now());
    if (order.operId !== caller.operId) throw new DomainError(50003);
    const expired = order.createdAt.getTime() + this.settings.payTimeoutMs <= this.clock.now().getTime();
    if (order.status !== OrderStatus.Unpaid || expired) throw new DomainError(50002);
    const oper = await this.repositories.opers.findById(order.operId);
    return requestPayment(this.wechatPay, this.settings, oper, order, caller);
  }
}
