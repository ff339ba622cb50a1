import type { Logger } from 'pino';
import {
  type PaymentNotice,
  type PaySdkConfig,
  type PrepayRequest,
  type RawNotification,
  type RefundAccepted,
  type RefundFinding,
  type RefundNotice,
  RefundRefused,
  type RefundRequest,
  TransactionPaid,
  type WechatPay,
} from '../../core/ordering/wechat-pay.js';
import { type Clock, systemClock } from '../../core/shared/clock.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { ErrorCode } from '../../core/shared/error-codes.js';
import type { Random } from '../../core/shared/random.js';
import { formatShanghaiDateTime } from '../../core/shared/shanghai-time.js';
import type { Oper } from '../../core/tenancy/oper.js';
import { NodeRandom } from '../crypto/node-random.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { NotificationOpener } from './notification-opener.js';
import { ParsedKeys } from './parsed-keys.js';
import { readRefund, readTransaction } from './wechat-pay-answers.js';
import { type V3Answer, WechatPayV3Client } from './wechat-pay-v3-client.js';
import { nonceFrom, signatureMessage, signWithMerchantKey } from './v3-signature.js';
import { inject, injectable } from 'inversify';
import { TOKENS as T } from '../tokens.js';

/** WeChat Pay's API host; the app passes its sandbox's base instead outside production. */
export const WECHAT_PAY_BASE_URL = 'https://api.mch.weixin.qq.com';

export interface HttpWechatPayOptions {
  /**
   * Defaults to {@link WECHAT_PAY_BASE_URL}. May carry a path prefix (the sandbox's
   * `http://127.0.0.1:3000/wechat-sandbox`): requests go to `<baseUrl>/v3/…`, but the signature
   * covers only `/v3/…` and its query, the URL as WeChat Pay itself would see it.
   */
  readonly baseUrl?: string;
  readonly timeoutMs: number;
  /** Opens the oper's sealed merchant private key and API v3 key. */
  readonly secrets: SecretBox;
  readonly logger: Logger;
  /** Timestamps of requests and `sdk_config`, and the 5-minute window of answers and notifications. */
  readonly clock?: Clock;
  /** Nonces. */
  readonly random?: Random;
}

const CLOSE_TOLERATED = new Set(['ORDER_CLOSED', 'ORDER_NOT_EXIST', 'ORDER_PAID']);
const QUERY_TOLERATED = new Set(['ORDER_NOT_EXIST']);
const PREPAY_TOLERATED = new Set(['ORDER_PAID']);
const REFUND_QUERY_TOLERATED = new Set(['RESOURCE_NOT_EXISTS']);
/**
 * WeChat Pay's refusals of a refund for good (no refund was made): balance short, account or
 * request refused (a PARAM_ERROR is our own fault, kept as unknown). Busy (`FREQUENCY_LIMITED`, `SYSTEM_ERROR`) and signature errors are not: the
 * outcome stays unknown and the same number is tried again.
 */
const REFUND_REFUSALS = new Set(['NOT_ENOUGH', 'USER_ACCOUNT_ABNORMAL', 'NO_AUTH', 'INVALID_REQUEST', 'RESOURCE_NOT_EXISTS', 'MCH_NOT_EXISTS']);

/**
 * {@link WechatPay} over WeChat Pay API v3 (JSAPI payments of a mini program, domestic refunds),
 * signed and verified with node:crypto. Every call is safe to repeat: `out_trade_no` and
 * `out_refund_no` make prepay and refund idempotent at WeChat's side, and close tolerates an
 * order already closed or never created. Keys are opened only to sign or decrypt, and neither they
 * nor `paySign` ever reach a log line or an error.
 */
@injectable()
export class HttpWechatPay implements WechatPay {
  readonly #client: WechatPayV3Client;
  readonly #notifications: NotificationOpener;
  readonly #keys: ParsedKeys;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #random: Random;

  constructor(@inject(T.HttpWechatPayOptions) options: HttpWechatPayOptions) {
    const baseUrl = options.baseUrl ?? WECHAT_PAY_BASE_URL;
    if (!URL.canParse(baseUrl)) throw new Error('HttpWechatPay: baseUrl must be an absolute URL');
    if (!(options.timeoutMs > 0)) throw new RangeError('HttpWechatPay: timeoutMs must be positive');
    this.#keys = new ParsedKeys(options.secrets);
    this.#logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? new NodeRandom();
    this.#notifications = new NotificationOpener({ secrets: options.secrets, keys: this.#keys, logger: options.logger, clock: this.#clock });
    this.#client = new WechatPayV3Client({
      baseUrl: baseUrl.replace(/\/+$/, ''),
      timeoutMs: options.timeoutMs,
      keys: this.#keys,
      logger: options.logger,
      clock: this.#clock,
      random: this.#random,
    });
  }

  async prepay(oper: Oper, request: PrepayRequest): Promise<{ prepayId: string }> {
    const answer = await this.#client.send(oper, {
      operation: 'prepay',
      method: 'POST',
      path: '/v3/pay/transactions/jsapi',
      body: {
        appid: request.appid,
        mchid: oper.pay?.mchid,
        description: request.description,
        out_trade_no: request.outTradeNo,
        time_expire: `${formatShanghaiDateTime(request.expiresAt).replace(' ', 'T')}+08:00`,
        notify_url: request.notifyUrl,
        amount: { total: request.amountFen, currency: 'CNY' },
        payer: { openid: request.payerOpenId },
      },
      tolerated: PREPAY_TOLERATED,
      logFields: { outTradeNo: request.outTradeNo },
    });
    if (answer.kind === 'refused') throw new TransactionPaid(`transaction ${request.outTradeNo} is paid already`);
    const prepayId = okData(answer)?.prepay_id;
    if (typeof prepayId !== 'string' || prepayId === '') throw this.#malformed(oper, 'prepay', 'no prepay_id');
    return { prepayId };
  }

  async sdkConfig(oper: Oper, appid: string, prepayId: string): Promise<PaySdkConfig> {
    const pay = oper.pay;
    if (pay === null) throw this.#malformed(oper, 'sdkConfig', 'the oper has no WeChat Pay account');
    const timestamp = String(Math.floor(this.#clock.now().getTime() / 1000));
    const nonceStr = nonceFrom(this.#random);
    const pkg = `prepay_id=${prepayId}`;
    const message = signatureMessage(appid, timestamp, nonceStr, pkg);
    const paySign = await signWithMerchantKey(this.#keys.merchantKey(pay), message);
    return { appId: appid, timestamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  async query(oper: Oper, outTradeNo: string): Promise<{ tradeState: string; payment: PaymentNotice | null }> {
    const answer = await this.#client.send(oper, {
      operation: 'query',
      method: 'GET',
      path: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(oper.pay?.mchid ?? '')}`,
      tolerated: QUERY_TOLERATED,
      logFields: { outTradeNo },
    });
    if (answer.kind === 'refused') return { tradeState: 'NOTPAY', payment: null };
    const data = okData(answer);
    const tradeState = data?.trade_state;
    if (data === null || typeof tradeState !== 'string' || tradeState === '') {
      throw this.#malformed(oper, 'query', 'no trade_state');
    }
    if (tradeState !== 'SUCCESS') return { tradeState, payment: null };
    const payment = readTransaction(data, oper.pay?.mchid ?? '');
    if (payment === null || payment.outTradeNo !== outTradeNo) throw this.#malformed(oper, 'query', 'malformed transaction');
    return { tradeState, payment };
  }

  async close(oper: Oper, outTradeNo: string): Promise<'closed' | 'paid'> {
    const answer = await this.#client.send(oper, {
      operation: 'close',
      method: 'POST',
      path: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`,
      body: { mchid: oper.pay?.mchid },
      tolerated: CLOSE_TOLERATED,
      logFields: { outTradeNo },
    });
    return answer.kind === 'refused' && answer.code === 'ORDER_PAID' ? 'paid' : 'closed';
  }

  async refund(oper: Oper, request: RefundRequest): Promise<RefundAccepted> {
    const answer = await this.#client.send(oper, {
      operation: 'refund',
      method: 'POST',
      path: '/v3/refund/domestic/refunds',
      body: {
        out_trade_no: request.outTradeNo,
        out_refund_no: request.outRefundNo,
        ...(request.reason === '' ? {} : { reason: request.reason }),
        notify_url: request.notifyUrl,
        amount: { refund: request.refundFen, total: request.totalFen, currency: 'CNY' },
      },
      tolerated: REFUND_REFUSALS,
      logFields: { outTradeNo: request.outTradeNo, outRefundNo: request.outRefundNo },
    });
    if (answer.kind === 'refused') throw new RefundRefused(answer.code);
    return this.#refundOf(oper, 'refund', answer, request.outRefundNo);
  }

  async queryRefund(oper: Oper, outRefundNo: string): Promise<RefundFinding | null> {
    const answer = await this.#client.send(oper, {
      operation: 'refund-query',
      method: 'GET',
      path: `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`,
      tolerated: REFUND_QUERY_TOLERATED,
      logFields: { outRefundNo },
    });
    if (answer.kind === 'refused') return null;
    return this.#refundOf(oper, 'refund-query', answer, outRefundNo);
  }

  #refundOf(oper: Oper, operation: string, answer: V3Answer, outRefundNo: string): RefundFinding {
    const data = okData(answer);
    const refund = data === null ? null : readRefund(data, oper.pay?.mchid ?? '');
    if (refund === null || refund.outRefundNo !== outRefundNo) throw this.#malformed(oper, operation, 'malformed refund');
    return refund;
  }

  openPaymentNotice(oper: Oper, notification: RawNotification): PaymentNotice {
    return this.#notifications.payment(oper, notification);
  }

  openRefundNotice(oper: Oper, notification: RawNotification): RefundNotice {
    return this.#notifications.refund(oper, notification);
  }

  #malformed(oper: Oper, operation: string, reason: string): DomainError {
    this.#logger.warn({ operation, operId: oper.id, mchid: oper.pay?.mchid, reason }, `wechat pay ${operation} failed`);
    return new DomainError(ErrorCode.WechatUnavailable);
  }
}

function okData(answer: V3Answer) {
  return answer.kind === 'ok' ? answer.data : null;
}

