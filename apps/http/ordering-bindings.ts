import type { Container, ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import {
  BuyGoods,
  CancelOrder,
  type Clock,
  CloseExpiredOrders,
  ConfirmPayment,
  ConfirmRefund,
  GetOrderDetail,
  ListOrders,
  PayOrder,
  type PaymentSettings,
  type Random,
  RedeemCode,
  RefundOrder,
  type Repositories,
  type UnitOfWork,
  type WechatPay,
} from '../../core/index.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { HttpWechatPay } from '../../adapters/wechat-pay/http-wechat-pay.js';
import type { AppConfig } from './config.js';
import { TOKENS as T } from './tokens.js';

/** The ordering part of the composition root: WeChat Pay and the order use cases. */
export function bindOrdering(c: Container, config: AppConfig, publicBaseUrl: string, wechatPay?: WechatPay): void {
  c.bind(T.WechatPay).toResolvedValue(
    // The adapter keeps the system clock: signature windows are about real time, not the domain's.
    (baseUrl: string, secrets: SecretBox, logger: Logger) =>
      wechatPay ?? new HttpWechatPay({ baseUrl, timeoutMs: config.wechatTimeoutMs, secrets, logger }),
    [T.WechatPayApiBaseUrl, T.SecretBox, T.Logger],
  );
  const settings: PaymentSettings = {
    payTimeoutMs: config.payTimeoutMs,
    paymentNotifyUrl: (operId) => `${publicBaseUrl}/api/wechat/pay/notify/${operId}`,
    refundNotifyUrl: (operId) => `${publicBaseUrl}/api/wechat/refund/notify/${operId}`,
  };
  c.bind(T.PaymentSettings).toConstantValue(settings);
  type Deps = [Repositories, UnitOfWork, WechatPay, Random, Clock];
  const bindUseCase = <U>(token: ServiceIdentifier<U>, make: (...args: Deps) => U) =>
    c.bind(token).toResolvedValue<Deps>(make, [T.Repositories, T.UnitOfWork, T.WechatPay, T.Random, T.Clock]);
  bindUseCase(T.BuyGoods, (r, u, p, random, clock) => new BuyGoods(r, u, p, settings, random, clock));
  bindUseCase(T.PayOrder, (r, _u, p, _random, clock) => new PayOrder(r, p, settings, clock));
  bindUseCase(T.CancelOrder, (r, u, p, _random, clock) => new CancelOrder(r, u, p, clock));
  bindUseCase(T.ConfirmPayment, (r, u, p, random, clock) => new ConfirmPayment(r, u, p, random, clock));
  bindUseCase(T.CloseExpiredOrders, (r, u, p, random, clock) => new CloseExpiredOrders(r, u, p, settings, random, clock));
  bindUseCase(T.RefundOrder, (r, u, p, _random, clock) => new RefundOrder(r, u, p, settings, clock));
  bindUseCase(T.ConfirmRefund, (r, u, p, _random, clock) => new ConfirmRefund(r, u, p, clock));
  bindUseCase(T.RedeemCode, (_r, u, _p, _random, clock) => new RedeemCode(u, clock));
  bindUseCase(T.ListOrders, (r) => new ListOrders(r));
  bindUseCase(T.GetOrderDetail, (r, _u, _p, _random, clock) => new GetOrderDetail(r, clock));
}
