import { type Caller, requireUser } from '../identity/caller.js';
import { Mobile } from '../identity/mobile.js';
import { GoodsStatus } from '../catalog/goods.js';
import { MerchantStatus } from '../catalog/merchant.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalidParameter } from '../shared/domain-error.js';
import type { Random } from '../shared/random.js';
import type { Repositories, UnitOfWork } from '../repositories.js';
import { formatShanghaiDate } from '../shared/shanghai-time.js';
import { OrderNo } from './order-numbers.js';
import { OrderNoTaken } from './order-repository.js';
import { MAX_UNITS_PER_ORDER, type Order, payPriceOf, userOrdersLock } from './order.js';
import type { PaymentSettings } from './payment-settings.js';
import { markPrepaid, requestPayment } from './request-payment.js';
import type { PaySdkConfig, WechatPay } from './wechat-pay.js';

export interface BuyGoodsInput {
  readonly caller: Caller;
  readonly goodsId: number;
  readonly number: number;
  readonly notifyMobile: string | null;
}

export interface BuyGoodsResult {
  readonly order: Order;
  readonly isOperSelf: boolean;
  /** Present when the goods belong to the caller's oper and WeChat Pay accepted the prepay. */
  readonly sdkConfig?: PaySdkConfig;
}

/**
 * `/order/buy`: an unpaid order of goods on sale (40002 off shelf, 40001 merchant disabled, 40003
 * outside its dates, 40004 short of stock, taken atomically), while the user holds fewer than
 * `maxUnpaidOrdersPerUser` unpaid orders (50004: nobody hoards a limited stock). In the goods' own
 * mini program it also asks WeChat Pay for the payment; if that fails the order stays, payable
 * with `/order/pay`, and the answer is 70012 carrying `order_no`.
 */
export class BuyGoods {
  constructor(
    private readonly ports: Pick<Repositories, 'goods' | 'merchants' | 'opers' | 'orders'>,
    private readonly uow: UnitOfWork,
    private readonly wechatPay: WechatPay,
    private readonly settings: PaymentSettings,
    private readonly random: Random,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, goodsId, number, notifyMobile }: BuyGoodsInput): Promise<BuyGoodsResult> {
    const user = requireUser(caller);
    if (!Number.isInteger(number) || number < 1 || number > MAX_UNITS_PER_ORDER) throw invalidParameter('number', `须为1到${MAX_UNITS_PER_ORDER}的整数`);
    const mobile = notifyMobile === null ? null : Mobile.create(notifyMobile, 'notify_mobile').value;
    const { goods: goodsRepository, merchants, opers } = this.ports;
    const goods = await goodsRepository.findById(goodsId);
    if (!goods || goods.status !== GoodsStatus.OnShelf) throw new DomainError(40002);
    const listing = await merchants.findListing(goods.merchantId, null);
    if (!listing || listing.merchant.status !== MerchantStatus.Normal) throw new DomainError(40001);
    const now = this.clock.now();
    const today = formatShanghaiDate(now);
    if (today < goods.startDate || today > goods.endDate) throw new DomainError(40003);
    // In the goods' own mini program WeChat Pay is asked at once: the order is created already
    // marked as prepaid (one transaction, one commit, instead of a second write after it).
    const oper = goods.operId === caller.operId ? await opers.findById(goods.operId) : null;
    const prepaying = oper?.pay != null;

    const order = await this.uow.run(async ({ goods: stock, orders, locks }) => {
      await locks.acquire(userOrdersLock(user.id));
      const unpaid = await orders.countUnpaidOf(user.id, new Date(now.getTime() - this.settings.payTimeoutMs));
      if (unpaid >= this.settings.maxUnpaidOrdersPerUser) throw new DomainError(50004);
      if (!(await stock.reserveStock(goods.id, number))) throw new DomainError(40004);
      for (let attempt = 1; ; attempt += 1) {
        let added: Order;
        try {
          added = await orders.add({
            operId: goods.operId,
            orderNo: OrderNo.next(now, this.random).value,
            userId: user.id,
            notifyMobile: mobile ?? user.mobile,
            merchantId: listing.merchant.id,
            merchantName: listing.merchant.name,
            goodsId: goods.id,
            goodsName: goods.name,
            goodsPic: goods.pic,
            goodsThumbUrl: goods.thumbUrl,
            price: goods.price,
            buyNumber: number,
            payPrice: payPriceOf(goods.price, number),
            createdAt: now,
          });
        } catch (error) {
          if (!(error instanceof OrderNoTaken) || attempt >= 5) throw error;
          continue;
        }
        if (!prepaying) return added;
        await markPrepaid(orders, added.id, now);
        return { ...added, prepaidAt: now };
      }
    });

    const isOperSelf = order.operId === caller.operId;
    if (!isOperSelf) return { order, isOperSelf };
    const sdkConfig = await requestPayment({ wechatPay: this.wechatPay, settings: this.settings, orders: this.ports.orders }, oper, order, caller, now);
    return { order, isOperSelf, sdkConfig };
  }
}
