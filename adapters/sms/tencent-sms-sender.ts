import type { Logger } from 'pino';
import type { SmsSender } from '../../core/identity/sms-sender.js';
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
 * {@link SmsSender} over Tencent Cloud SMS API 3.0 `SendSms` (version 2021-01-11), signed with
 * TC3-HMAC-SHA256. Any refusal (`Response.Error`, or a send status other than `Ok`), timeout or
 * network failure is DomainError 20004. Logs carry the masked mobile, the provider's codes and
 * the duration; never the login code or the SecretKey.
 */
export class TencentSmsSender implements SmsSender {
  readonly #options: TencentSmsSenderOptions;
  readonly #signer: Tc3Signer;
  readonly #endpoint: URL;

  constructor(options: TencentSmsSenderOptions) {
    this.#options = options;
    this.#signer = new Tc3Signer({ secretId: options.secretId, secretKey: options.secretKey });
    this.#endpoint = new URL(options.endpoint ?? TENCENT_SMS_ENDPOINT);
  }

  async sendVerifyCode(mobile: string, code: string, ttlMinutes: number): Promise<void> {
    const { logger, timeoutMs } = this.#options;
    const started = Date.now();
    const log = (fields: Record<string, unknown>) => ({ mobile: maskMobile(mobile), durationMs: Date.now() - started, ...fields });
    const failed = (fields: Record<string, unknown>): DomainError => {
      logger.warn(log(fields), 'tencent sms SendSms failed');
      return new DomainError(ErrorCode.SmsSendFailed);
    };

    const payload = JSON.stringify({
      PhoneNumberSet: [mobile.startsWith('+') ? mobile : `+86${mobile}`],
      SmsSdkAppId: this.#options.sdkAppId,
      SignName: this.#options.signName,
      TemplateId: this.#options.templateId,
      TemplateParamSet: [code, String(ttlMinutes)],
    });
    const answered = await fetchText(this.#endpoint, { method: 'POST', headers: this.#headers(payload), body: payload }, timeoutMs);
    if ('failure' in answered) throw failed(answered.failure);
    const { status, text } = answered;

    const answer = parseAnswer(text)?.Response;
    if (answer === undefined) throw failed({ reason: 'answer is not a SendSms response', status });
    const requestId = typeof answer.RequestId === 'string' ? answer.RequestId : undefined;
    const scrub = (value: unknown) =>
      typeof value === 'string' ? (code ? value.replaceAll(code, '***') : value).slice(0, MAX_LOGGED_MESSAGE) : undefined;
    if (answer.Error !== undefined) {
      throw failed({ reason: 'error', requestId, errorCode: scrub(answer.Error.Code), errorMessage: scrub(answer.Error.Message) });
    }
    const sent = answer.SendStatusSet?.[0];
    if (sent?.Code !== 'Ok') {
      throw failed({ reason: 'send status', requestId, sendCode: scrub(sent?.Code), sendMessage: scrub(sent?.Message) });
    }
    logger.info(log({ requestId, serialNo: sent.SerialNo }), 'tencent sms SendSms ok');
  }

  #headers(payload: string): Record<string, string> {
    const timestamp = Math.floor((this.#options.clock ?? systemClock).now().getTime() / 1000);
    const signed = { 'Content-Type': CONTENT_TYPE, Host: this.#endpoint.host, 'X-TC-Action': ACTION };
    const { authorization } = this.#signer.sign({ service: SERVICE, timestamp, headers: signed, payload });
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
