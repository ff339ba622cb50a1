import type { Logger } from 'pino';
import type { SmsSender } from '../../core/identity/sms-sender.js';
import { CODE_SEPARATOR, type PurchaseNoticeMessage } from '../../core/notices/purchase-notice.js';
import { type PurchaseNoticeSender, SmsNotSent } from '../../core/notices/purchase-notice-sender.js';
import { type Clock, systemClock } from '../../core/shared/clock.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { ErrorCode } from '../../core/shared/error-codes.js';
import { fetchText } from '../shared/http-answers.js';
import { maskMobile } from '../../core/identity/mobile.js';
import { Tc3Signer } from './tc3-signer.js';

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com';
const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const MAX_LOGGED_MESSAGE = 200;

export interface TencentSmsSenderOptions {
  readonly secretId: string;
  readonly secretKey: string;
  /** `SmsSdkAppId` of the SMS application. */
  readonly sdkAppId: string;
  /** The approved signature (签名) content. */
  readonly signName: string;
  /** An approved template with two parameters: the code, then its validity in minutes. */
  readonly templateId: string;
  /**
   * The approved purchase-notice template, with five parameters: order number, goods name,
   * number, end date, codes (see `PurchaseNoticeMessage`).
   */
  readonly notifyTemplateId?: string;
  /** `X-TC-Region`, e.g. `ap-guangzhou`. */
  readonly region: string;
  /** Defaults to {@link TENCENT_SMS_ENDPOINT}. */
  readonly endpoint?: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Source of `X-TC-Timestamp`; the system clock by default. */
  readonly clock?: Clock;
}

interface SendSmsAnswer {
  readonly Response?: {
    readonly Error?: { readonly Code?: unknown; readonly Message?: unknown };
    readonly SendStatusSet?: ReadonlyArray<{ readonly Code?: unknown; readonly Message?: unknown; readonly SerialNo?: unknown }>;
    readonly RequestId?: unknown;
  };
}

/**
 * {@link SmsSender} and {@link PurchaseNoticeSender} over Tencent Cloud SMS API 3.0 `SendSms`
 * (version 2021-01-11), signed with TC3-HMAC-SHA256. Any refusal (`Response.Error`, or a send
 * status other than `Ok`), timeout or network failure is DomainError 20004 for a login code and
 * {@link SmsNotSent} for a notice. Logs carry the masked mobile, the template, the provider's
 * codes and the duration; never a code or the SecretKey.
 */
export class TencentSmsSender implements SmsSender, PurchaseNoticeSender {
  readonly #options: TencentSmsSenderOptions;
  readonly #signer: Tc3Signer;
  readonly #endpoint: URL;

  constructor(options: TencentSmsSenderOptions) {
    this.#options = options;
    this.#signer = new Tc3Signer({ secretId: options.secretId, secretKey: options.secretKey });
    this.#endpoint = new URL(options.endpoint ?? TENCENT_SMS_ENDPOINT);
  }

  async sendVerifyCode(mobile: string, code: string, ttlMinutes: number): Promise<void> {
    const failure = await this.#send(this.#options.templateId, mobile, [code, String(ttlMinutes)], [code]);
    if (failure !== null) throw new DomainError(ErrorCode.SmsSendFailed);
  }

  /** One SMS of a purchase notice, with `notifyTemplateId`; the codes never reach a log line. */
  async sendPurchaseNotice(mobile: string, message: PurchaseNoticeMessage): Promise<void> {
    const { notifyTemplateId } = this.#options;
    if (!notifyTemplateId) throw new SmsNotSent('no purchase-notice template configured');
    const params = [message.orderNo, message.name, message.number, message.endDate, message.verifyCode];
    const failure = await this.#send(notifyTemplateId, mobile, params, message.verifyCode.split(CODE_SEPARATOR));
    if (failure !== null) throw new SmsNotSent(failure);
  }

  /**
   * Sends one templated SMS; resolves to null when Tencent accepted it, else to a short reason (the
   * provider's code, `timeout`, `network`…) after logging the failure. `secrets` (codes) are
   * scrubbed from anything logged.
   */
  async #send(templateId: string, mobile: string, params: readonly string[], secrets: readonly string[]): Promise<string | null> {
    const { logger, timeoutMs } = this.#options;
    const started = Date.now();
    const log = (fields: Record<string, unknown>) => ({ mobile: maskMobile(mobile), templateId, durationMs: Date.now() - started, ...fields });
    const failed = (reason: string, fields: Record<string, unknown>): string => {
      logger.warn(log(fields), 'tencent sms SendSms failed');
      return reason;
    };
    const scrub = (value: unknown) =>
      typeof value === 'string'
        ? secrets.reduce((text, secret) => (secret ? text.replaceAll(secret, '***') : text), value).slice(0, MAX_LOGGED_MESSAGE)
        : undefined;

    const payload = JSON.stringify({
      PhoneNumberSet: [mobile.startsWith('+') ? mobile : `+86${mobile}`],
      SmsSdkAppId: this.#options.sdkAppId,
      SignName: this.#options.signName,
      TemplateId: templateId,
      TemplateParamSet: params,
    });
    const answered = await fetchText(this.#endpoint, { method: 'POST', headers: this.#headers(payload), body: payload }, timeoutMs);
    if ('failure' in answered) {
      const { reason, status } = answered.failure;
      return failed(reason === 'http status' ? `http ${String(status)}` : String(reason), answered.failure);
    }
    const { status, text } = answered;

    const answer = parseAnswer(text)?.Response;
    if (answer === undefined) return failed('not a SendSms response', { reason: 'answer is not a SendSms response', status });
    const requestId = typeof answer.RequestId === 'string' ? answer.RequestId : undefined;
    if (answer.Error !== undefined) {
      const errorCode = scrub(answer.Error.Code);
      return failed(errorCode ?? 'error', { reason: 'error', requestId, errorCode, errorMessage: scrub(answer.Error.Message) });
    }
    const sent = answer.SendStatusSet?.[0];
    if (sent?.Code !== 'Ok') {
      const sendCode = scrub(sent?.Code);
      return failed(sendCode ?? 'no send status', { reason: 'send status', requestId, sendCode, sendMessage: scrub(sent?.Message) });
    }
    logger.info(log({ requestId, serialNo: sent.SerialNo }), 'tencent sms SendSms ok');
    return null;
  }

  #headers(payload: string): Record<string, string> {
    const timestamp = Math.floor((this.#options.clock ?? systemClock).now().getTime() / 1000);
    // The host as Tencent's own SDK signs it (without a port), and the path as requested.
    const signed = { 'Content-Type': CONTENT_TYPE, Host: this.#endpoint.hostname, 'X-TC-Action': ACTION };
    const path = this.#endpoint.pathname;
    const { authorization } = this.#signer.sign({ service: SERVICE, timestamp, path, headers: signed, payload });
    return {
      'Content-Type': CONTENT_TYPE,
      'X-TC-Action': ACTION,
      'X-TC-Version': VERSION,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': this.#options.region,
      Authorization: authorization,
    };
  }
}

function parseAnswer(text: string): SendSmsAnswer | null {
  try {
    const value: unknown = JSON.parse(text);
    const response = (value as SendSmsAnswer | null)?.Response;
    return typeof response === 'object' && response !== null ? (value as SendSmsAnswer) : null;
  } catch {
    return null;
  }
}
