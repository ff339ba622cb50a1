import { createHash } from 'node:crypto';
import {
  type Clock,
  DomainError,
  NotificationRejected,
  type Oper,
  type PaymentNotice,
  type PaySdkConfig,
  type PrepayRequest,
  type RawNotification,
  type RefundAccepted,
  type RefundFinding,
  type RefundNotice,
  RefundRefused,
  TransactionPaid,
  type RefundRequest,
  type WechatPay,
  type WechatRefundState,
} from '../../../core/index.js';

/** The calls that reach WeChat Pay over the wire, and so can fail. */
export type RemoteCall = 'prepay' | 'query' | 'close' | 'refund' | 'refund-query';

export type WechatPayCall =
  | { readonly method: 'prepay'; readonly operId: number; readonly request: PrepayRequest }
  | { readonly method: 'sdkConfig'; readonly operId: number; readonly appid: string; readonly prepayId: string }
  | { readonly method: 'query'; readonly operId: number; readonly outTradeNo: string }
  | { readonly method: 'close'; readonly operId: number; readonly outTradeNo: string }
  | { readonly method: 'refund'; readonly operId: number; readonly request: RefundRequest }
  | { readonly method: 'refund-query'; readonly operId: number; readonly outRefundNo: string };

/** The fake's notification headers: what the notification is, and its "signature" over that and the body. */
const EVENT_HEADER = 'x-fake-event';
const SIGNATURE_HEADER = 'x-fake-signature';
type NotificationEvent = 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS';

/**
 * WeChat Pay played in memory, keeping the port's contract: every remote call is asynchronous (it
 * yields to the event loop first, so that callers in parallel interleave), a prepay of the same
 * `out_trade_no` with other parameters is refused as WeChat refuses it, a closed transaction is
 * queried `CLOSED`, a refund is kept once per `out_refund_no` (a repeat answers the refund
 * already accepted), and a notification is opened only when it is genuine and of the kind asked
 * for (see {@link notificationOf}).
 *
 * Switches: `failing` makes a remote call throw DomainError 70012 before anything happens at
 * "WeChat"; `losingAnswers` makes it throw 70012 after it took effect (a timeout); `reportPaid`
 * makes `query` answer SUCCESS with the payment (and `close` answer `paid`); `refundState` is the
 * state WeChat answers a new refund with, `refusingRefunds` a code it refuses new refunds with for
 * good; `endRefund` changes how a refund stands for later queries.
 */
export class InMemoryWechatPay implements WechatPay {
  /** Every call, in the order made (failed remote calls included). */
  readonly calls: WechatPayCall[] = [];
  readonly failing = new Set<RemoteCall>();
  /** Calls that take effect at WeChat Pay but whose answer is lost (a timeout): DomainError 70012 after the effect. */
  readonly losingAnswers = new Set<RemoteCall>();
  refundState: WechatRefundState = 'PROCESSING';
  refusingRefunds: string | null = null;
  /** Prepays as WeChat keeps them: by `out_trade_no`. */
  readonly prepays = new Map<string, PrepayRequest>();
  /** Refunds as WeChat keeps them: by `out_refund_no`. */
  readonly refunds = new Map<string, { readonly request: RefundRequest; accepted: RefundAccepted }>();
  private readonly paid = new Map<string, PaymentNotice>();
  private readonly closed = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** From now on `query` of the notice's order answers SUCCESS with this payment. */
  reportPaid(notice: PaymentNotice): void {
    this.paid.set(notice.outTradeNo, notice);
  }

  /** From now on the refund `outRefundNo` stands at `state` (as a query or a notification reports it). */
  endRefund(outRefundNo: string, state: WechatRefundState): RefundFinding {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo} at the fake WeChat Pay`);
    refund.accepted = { ...refund.accepted, state };
    return refund.accepted;
  }

  /** The calls of one method, in order. */
  callsOf<M extends WechatPayCall['method']>(method: M): Extract<WechatPayCall, { method: M }>[] {
    return this.calls.filter((call): call is Extract<WechatPayCall, { method: M }> => call.method === method);
  }

  async prepay(oper: Oper, request: PrepayRequest): Promise<{ prepayId: string }> {
    return this.remote({ method: 'prepay', operId: oper.id, request }, () => {
      if (this.paid.has(request.outTradeNo)) throw new TransactionPaid(`transaction ${request.outTradeNo} is paid already`);
      const earlier = this.prepays.get(request.outTradeNo);
      if (earlier && JSON.stringify(earlier) !== JSON.stringify(request)) {
        throw new DomainError(70012, '微信接口调用失败: 商户订单号重复');
      }
      this.prepays.set(request.outTradeNo, request);
      return { prepayId: `wx-prepay-${request.outTradeNo}` };
    });
  }

  async sdkConfig(oper: Oper, appid: string, prepayId: string): Promise<PaySdkConfig> {
    this.calls.push({ method: 'sdkConfig', operId: oper.id, appid, prepayId });
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    const pack = `prepay_id=${prepayId}`;
    return { appId: appid, timestamp, nonceStr: `nonce-${timestamp}`, package: pack, signType: 'RSA', paySign: `signed-by-${oper.pay?.mchid}:${pack}` };
  }

  async query(oper: Oper, outTradeNo: string): Promise<{ tradeState: string; payment: PaymentNotice | null }> {
    return this.remote({ method: 'query', operId: oper.id, outTradeNo }, () => {
      const payment = this.paid.get(outTradeNo) ?? null;
      if (payment) return { tradeState: 'SUCCESS', payment };
      return { tradeState: this.closed.has(outTradeNo) ? 'CLOSED' : 'NOTPAY', payment: null };
    });
  }

  async close(oper: Oper, outTradeNo: string): Promise<'closed' | 'paid'> {
    return this.remote({ method: 'close', operId: oper.id, outTradeNo }, () => {
      if (this.paid.has(outTradeNo)) return 'paid';
      if (this.prepays.has(outTradeNo)) this.closed.add(outTradeNo);
      return 'closed';
    });
  }

  async refund(oper: Oper, request: RefundRequest): Promise<RefundAccepted> {
    return this.remote({ method: 'refund', operId: oper.id, request }, () => {
      const earlier = this.refunds.get(request.outRefundNo);
      if (earlier) return earlier.accepted;
      if (this.refusingRefunds !== null) throw new RefundRefused(this.refusingRefunds);
      const accepted = {
        outTradeNo: request.outTradeNo,
        outRefundNo: request.outRefundNo,
        refundId: `wx-refund-${this.refunds.size + 1}`,
        state: this.refundState,
        refundFen: request.refundFen,
      };
      this.refunds.set(request.outRefundNo, { request, accepted });
      return accepted;
    });
  }

  async queryRefund(oper: Oper, outRefundNo: string): Promise<RefundFinding | null> {
    return this.remote({ method: 'refund-query', operId: oper.id, outRefundNo }, () => this.refunds.get(outRefundNo)?.accepted ?? null);
  }

  openPaymentNotice(_oper: Oper, notification: RawNotification): PaymentNotice {
    const notice = opened<PaymentNotice & { successTime: string | null }>(notification, 'TRANSACTION.SUCCESS');
    return { ...notice, successTime: notice.successTime === null ? null : new Date(notice.successTime) };
  }

  openRefundNotice(_oper: Oper, notification: RawNotification): RefundNotice {
    return opened<RefundNotice>(notification, 'REFUND.SUCCESS');
  }

  private async remote<T>(call: WechatPayCall & { method: RemoteCall }, effect: () => T): Promise<T> {
    this.calls.push(call);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failing.has(call.method)) throw new DomainError(70012, `微信接口调用失败: ${call.method}`);
    const answer = effect();
    if (this.losingAnswers.has(call.method)) throw new DomainError(70012, `微信接口调用失败: ${call.method} 超时`);
    return answer;
  }
}

function opened<T>({ headers, body }: RawNotification, expected: NotificationEvent): T {
  const event = headers[EVENT_HEADER];
  if (headers[SIGNATURE_HEADER] !== signature(event ?? '', body)) throw new NotificationRejected('signature does not verify');
  if (event !== expected) throw new NotificationRejected(`a ${event} notification is not a ${expected} one`);
  return JSON.parse(body) as T;
}

function signature(event: string, body: string): string {
  return createHash('sha256').update(`${event}\n${body}`).digest('hex');
}

/**
 * A notification as WeChat sends it to the fake: the notice as the JSON body, "signed" over its
 * event and body, so that an altered body or a notice of the other kind is rejected as the real
 * adapter rejects them; `forged` spoils the signature.
 */
export function notificationOf(notice: PaymentNotice | RefundNotice, { forged = false } = {}): RawNotification {
  const body = JSON.stringify(notice);
  const event: NotificationEvent = 'outRefundNo' in notice ? 'REFUND.SUCCESS' : 'TRANSACTION.SUCCESS';
  const signed = forged ? signature(event, `${body} `) : signature(event, body);
  return { headers: { 'content-type': 'application/json', [EVENT_HEADER]: event, [SIGNATURE_HEADER]: signed }, body };
}
