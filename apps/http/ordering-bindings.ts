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
  type OrderingLog,
  PayOrder,
  PaymentCheck,
  type PaymentSettings,
  type Random,
  ReadChecks,
  ReconcileWithWechatPay,
  RedeemCode,
  RefundOrder,
  RefundSubmission,
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
    maxUnpaidOrdersPerUser: config.maxUnpaidOrdersPerUser,
    paymentNotifyUrl: (operId) => `${publicBaseUrl}/api/wechat/pay/notify/${operId}`,
    refundNotifyUrl: (operId) => `${publicBaseUrl}/api/wechat/refund/notify/${operId}`,
  };
  c.bind(T.PaymentSettings).toConstantValue(settings);
  c.bind(T.OrderingLog).toResolvedValue((logger: Logger) => logger.child({ module: 'ordering' }), [T.Logger]);
  c.bind(T.PaymentCheck).toResolvedValue(
    (u: UnitOfWork, p: WechatPay, random: Random, log: OrderingLog) => new PaymentCheck(u, p, random, log),
    [T.UnitOfWork, T.WechatPay, T.Random, T.OrderingLog],
  );
  c.bind(T.RefundSubmission).toResolvedValue(
    (u: UnitOfWork, p: WechatPay, log: OrderingLog) => new RefundSubmission(u, p, settings, log),
    [T.UnitOfWork, T.WechatPay, T.OrderingLog],
  );
  c.bind(T.ReadChecks).toResolvedValue(
    (r: Repositories, payments: PaymentCheck, refunds: RefundSubmission, clock: Clock) => new ReadChecks(r, payments, refunds, clock),
    [T.Repositories, T.PaymentCheck, T.RefundSubmission, T.Clock],
  );

  type Deps = [Repositories, UnitOfWork, WechatPay, Random, Clock, OrderingLog, PaymentCheck, RefundSubmission, ReadChecks];
  const bindUseCase = <U>(token: ServiceIdentifier<U>, make: (...args: Deps) => U) =>
    c.bind(token).toResolvedValue<Deps>(make, [
      T.Repositories, T.UnitOfWork, T.WechatPay, T.Random, T.Clock, T.OrderingLog, T.PaymentCheck, T.RefundSubmission, T.ReadChecks,
    ]);
  bindUseCase(T.BuyGoods, (r, u, p, random, clock) => new BuyGoods(r, u, p, settings, random, clock));
  bindUseCase(T.PayOrder, (r, _u, p, _random, clock, _log, payments, _rs, checks) => new PayOrder(r, checks, payments, p, settings, clock));
  bindUseCase(T.CancelOrder, (r, u, p, _random, clock, _log, payments) => new CancelOrder(r, u, p, payments, clock));
  bindUseCase(T.ConfirmPayment, (r, u, p, random, clock, log) => new ConfirmPayment(r, u, p, random, clock, log));
  bindUseCase(T.CloseExpiredOrders, (r, u, p, _random, clock, log, payments) => new CloseExpiredOrders(r, u, p, payments, settings, clock, log));
  bindUseCase(T.RefundOrder, (r, u, _p, _random, clock, _log, _pc, submission) => new RefundOrder(r, u, submission, clock));
  bindUseCase(T.ConfirmRefund, (r, _u, p, _random, clock, log, _pc, submission) => new ConfirmRefund(r, p, submission, clock, log));
  bindUseCase(T.ReconcileWithWechatPay, (r, _u, _p, _random, clock, log, payments, submission) =>
    new ReconcileWithWechatPay(r, payments, submission, settings, clock, log));
  bindUseCase(T.RedeemCode, (_r, u, _p, _random, clock) => new RedeemCode(u, clock));
  bindUseCase(T.ListOrders, (r) => new ListOrders(r));
  bindUseCase(T.GetOrderDetail, (r, _u, _p, _random, clock, _log, _pc, _rs, checks) => new GetOrderDetail(r, checks, clock));
}
