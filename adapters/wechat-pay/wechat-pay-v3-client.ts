import type { Logger } from 'pino';
import { type Clock } from '../../core/shared/clock.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { ErrorCode } from '../../core/shared/error-codes.js';
import type { Random } from '../../core/shared/random.js';
import type { Oper, WechatPayConfig } from '../../core/tenancy/oper.js';
import { type JsonObject, parseJsonObject } from './json-object.js';
import type { ParsedKeys } from './parsed-keys.js';
import { V3Transport } from './v3-transport.js';
import { authorizationHeader, nonceFrom, platformSignatureRefusal, signatureMessage, signWithMerchantKey } from './v3-signature.js';

const USER_AGENT = `o2o-user-api/0.1 (node ${process.version})`;
const MAX_LOGGED_MESSAGE = 200;

export interface V3Request {
  /** Names the call in logs: `prepay`, `query`, `close`, `refund`. */
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  /** The canonical path WeChat Pay sees, `/v3/…`, with its query string. */
  readonly path: string;
  /** Sent as JSON; a GET has none. */
  readonly body?: JsonObject;
  /** WeChat error `code`s of a 4xx that are an answer for this call, not a failure. */
  readonly tolerated?: ReadonlySet<string>;
  /** Extra fields for the log lines (order numbers; never secrets). */
  readonly logFields?: Readonly<Record<string, unknown>>;
}

/** A verified 2xx (`data` null when the body is empty, as for 204), or a tolerated 4xx. */
export type V3Answer =
  | { readonly kind: 'ok'; readonly status: number; readonly data: JsonObject | null }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string };

export interface WechatPayV3ClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** The opers' merchant and platform keys, parsed once. */
  readonly keys: ParsedKeys;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly random: Random;
}

/**
 * One signed API v3 exchange for an oper's merchant account. The request is signed with the
 * merchant key over the canonical `/v3/…` path: `baseUrl` may carry a prefix (the sandbox's
 * `/wechat-sandbox`) that is sent but never signed, as WeChat Pay itself never sees one. Every
 * 2xx must carry a valid platform signature. Timeouts, network errors, 5xx, unsigned or badly
 * signed answers, unreadable bodies and untolerated 4xx codes are logged and thrown as 70012.
 */
export class WechatPayV3Client {
  readonly #options: WechatPayV3ClientOptions;
  readonly #transport: V3Transport;

  constructor(options: WechatPayV3ClientOptions) {
    this.#options = options;
    this.#transport = new V3Transport(options.baseUrl, options.timeoutMs);
  }

  async send(oper: Oper, request: V3Request): Promise<V3Answer> {
    const { logger, clock } = this.#options;
    const started = Date.now();
    const log = (fields: Record<string, unknown>) => ({
      operation: request.operation,
      operId: oper.id,
      mchid: oper.pay?.mchid,
      ...request.logFields,
      durationMs: Date.now() - started,
      ...fields,
    });
    const unavailable = (fields: Record<string, unknown>, level: 'warn' | 'error' = 'warn'): DomainError => {
      logger[level](log(fields), `wechat pay ${request.operation} failed`);
      return new DomainError(ErrorCode.WechatUnavailable);
    };
    const pay = oper.pay;
    if (pay === null) throw unavailable({ reason: 'the oper has no WeChat Pay account' });

    const body = request.body === undefined ? '' : JSON.stringify(request.body);
    const headers = await this.#headers(pay, request, body);
    const answer = await this.#transport.send(`${this.#options.baseUrl}${request.path}`, { method: request.method, headers, body });
    if ('failure' in answer) throw unavailable(answer.failure);
    const { status, header, raw } = answer;
    const text = raw.toString('utf8');

    if (status >= 200 && status <= 299) {
      const refusal = platformSignatureRefusal(pay, this.#options.keys.platformKey(pay), header, raw, clock.now());
      if (refusal !== null) throw unavailable({ reason: 'answer signature refused', refusal, status }, 'error');
      const data = text === '' ? null : parseJsonObject(text);
      if (text !== '' && data === null) throw unavailable({ reason: 'answer is not a JSON object', status });
      logger.info(log({ status }), `wechat pay ${request.operation} ok`);
      return { kind: 'ok', status, data };
    }
    const error = parseJsonObject(text);
    const code = typeof error?.code === 'string' ? error.code : undefined;
    if (status >= 400 && status <= 499 && code !== undefined && request.tolerated?.has(code)) {
      logger.info(log({ status, code }), `wechat pay ${request.operation} answered ${code}`);
      return { kind: 'refused', status, code };
    }
    const message = typeof error?.message === 'string' ? error.message.slice(0, MAX_LOGGED_MESSAGE) : undefined;
    throw unavailable({ reason: 'http status', status, code, message });
  }

  async #headers(pay: WechatPayConfig, request: V3Request, body: string): Promise<Record<string, string>> {
    const timestamp = String(Math.floor(this.#options.clock.now().getTime() / 1000));
    const nonce = nonceFrom(this.#options.random);
    const message = signatureMessage(request.method, request.path, timestamp, nonce, body);
    const signature = await signWithMerchantKey(this.#options.keys.merchantKey(pay), message);
    return {
      Authorization: authorizationHeader({ mchid: pay.mchid, serialNo: pay.merchantSerial, nonce, timestamp, signature }),
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    };
  }
}
