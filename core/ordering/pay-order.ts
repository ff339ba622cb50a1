import type { Caller } from '../identity/caller.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { Repositories } from '../repositories.js';
import { payableByCaller } from './order-access.js';
import { isPayable } from './order.js';
import type { PaymentSettings } from './payment-settings.js';
import type { ReadChecks } from './read-checks.js';
import { requestPayment } from './request-payment.js';
import type { PaymentCheck } from './payment-check.js';
import { type PaySdkConfig, TransactionPaid, type WechatPay } from './wechat-pay.js';

/**
 * `/order/pay`: a fresh `sdk_config` for the caller's unpaid order (or one a scene login granted
 * its token: paying for someone is allowed, the codes stay the owner's), only in a mini program of
 * the order's oper (50003), and only while payable (50002). An order with a prepay is first asked
 * about at WeChat Pay (at most every 5 s): a payment whose notification was lost is recorded,
 * and the answer is 50002 instead of a second payment. So is a prepay WeChat refuses because the
 * transaction is paid (another instance's check may have been under way).
 */
export class PayOrder {
  constructor(
    private readonly ports: Pick<Repositories, 'orders' | 'opers' | 'orderGrants'>,
    private readonly checks: ReadChecks,
    private readonly payments: PaymentCheck,
    private readonly wechatPay: WechatPay,
    private readonly settings: PaymentSettings,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, orderNo }: { caller: Caller; orderNo: string }): Promise<PaySdkConfig> {
    const now = this.clock.now();
    const found = await payableByCaller(this.ports, caller, orderNo, now);
    if (found.operId !== caller.operId) throw new DomainError(50003);
    if (!isPayable(found, now, this.settings.payTimeoutMs)) throw new DomainError(50002);
    const order = await this.checks.payment(found);
    if (!isPayable(order, now, this.settings.payTimeoutMs)) throw new DomainError(50002);
    const oper = await this.ports.opers.findById(order.operId);
    try {
      return await requestPayment({ wechatPay: this.wechatPay, settings: this.settings, orders: this.ports.orders }, oper, order, caller, now);
    } catch (error) {
      if (!(error instanceof TransactionPaid) || !oper) throw error;
      await this.payments.run(oper, order, now);
      throw new DomainError(50002);
    }
  }
}
