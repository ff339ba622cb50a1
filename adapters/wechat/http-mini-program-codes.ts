import type { Logger } from 'pino';
import type { MiniProgramCodes, UnlimitedCodeRequest } from '../../core/bridge/mini-program-codes.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { ErrorCode } from '../../core/shared/error-codes.js';
import type { Oper } from '../../core/tenancy/oper.js';
import type { StableAccessTokens } from './stable-access-tokens.js';
import { checkClientOptions, describeFetchFailure, parseObject, wechatError } from './wechat-wire.js';
import { inject, injectable } from 'inversify';
import { TOKENS as T } from '../tokens.js';

/** Which version of the mini program a code opens: published, trial or development. */
export type CodeEnvVersion = 'release' | 'trial' | 'develop';

export interface HttpMiniProgramCodesOptions {
  /** `https://api.weixin.qq.com`, or a sandbox base such as `http://127.0.0.1:3000/wechat-sandbox`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** The access tokens of the opers' mini programs. */
  readonly tokens: StableAccessTokens;
  readonly logger: Logger;
  readonly envVersion: CodeEnvVersion;
  /** Whether WeChat checks that `page` exists in the published version (true only for `release`). */
  readonly checkPath: boolean;
  /** Width in px, 280 to 1280; WeChat's default 430 when absent. */
  readonly width?: number;
}

/** errcodes by which WeChat refuses the access token: 40001 invalid credential, 42001 expired, 40014 invalid. */
const TOKEN_REFUSED = new Set<number | string>([40001, 42001, 40014]);
const DEFAULT_WIDTH = 430;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

type CodeAnswer =
  | { readonly image: Uint8Array }
  | { readonly errcode: number | string; readonly errmsg: string | undefined; readonly durationMs: number };

/**
 * {@link MiniProgramCodes} over WeChat's `POST /wxa/getwxacodeunlimit`. The answer is the image
 * when its content type is an image and its bytes are PNG or JPEG, else a JSON `{errcode, errmsg}`.
 * A refused access token (40001, 42001, 40014) is invalidated and the call made once more with a
 * forced new token; any other errcode (41030 invalid page, 40097 invalid args, 45009 quota, -1
 * busy, …), a timeout, a network error, a non-2xx or an unreadable answer is DomainError 70012,
 * logged with appid, errcode, errmsg and duration. Neither the token nor the scene (a login
 * credential until used) reaches a log line or an error.
 */
@injectable()
export class HttpMiniProgramCodes implements MiniProgramCodes {
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #tokens: StableAccessTokens;
  readonly #logger: Logger;
  readonly #envVersion: CodeEnvVersion;
  readonly #checkPath: boolean;
  readonly #width: number;

  constructor(@inject(T.HttpMiniProgramCodesOptions) options: HttpMiniProgramCodesOptions) {
    this.#baseUrl = checkClientOptions('HttpMiniProgramCodes', options.baseUrl, options.timeoutMs);
    const width = options.width ?? DEFAULT_WIDTH;
    if (!Number.isInteger(width) || width < 280 || width > 1280) {
      throw new RangeError('HttpMiniProgramCodes: width must be an integer from 280 to 1280');
    }
    if (!['release', 'trial', 'develop'].includes(options.envVersion)) {
      throw new RangeError('HttpMiniProgramCodes: envVersion must be release, trial or develop');
    }
    this.#timeoutMs = options.timeoutMs;
    this.#tokens = options.tokens;
    this.#logger = options.logger;
    this.#envVersion = options.envVersion;
    this.#checkPath = options.checkPath;
    this.#width = width;
  }

  async unlimited(oper: Oper, request: UnlimitedCodeRequest): Promise<Uint8Array> {
    const { appid } = oper.miniProgram;
    const token = await this.#tokens.get(oper);
    const first = await this.#call(appid, token, request);
    if ('image' in first) return first.image;
    if (!TOKEN_REFUSED.has(first.errcode)) throw this.#unavailable(appid, { reason: 'errcode', ...first });

    this.#logger.info({ appid, ...first }, 'wechat getwxacodeunlimit refused the access token; retrying with a new one');
    this.#tokens.invalidate(appid, token);
    const second = await this.#call(appid, await this.#tokens.get(oper), request);
    if ('image' in second) return second.image;
    throw this.#unavailable(appid, { reason: 'errcode', retried: true, ...second });
  }

  async #call(appid: string, token: string, request: UnlimitedCodeRequest): Promise<CodeAnswer> {
    const started = Date.now();
    const fail = (fields: Record<string, unknown>) => this.#unavailable(appid, { durationMs: Date.now() - started, ...fields });

    const body = JSON.stringify({
      scene: request.scene,
      page: request.page,
      check_path: this.#checkPath,
      env_version: this.#envVersion,
      width: this.#width,
      auto_color: false,
      is_hyaline: false,
    });
    let status: number;
    let contentType: string;
    let bytes: Uint8Array;
    try {
      const response = await fetch(`${this.#baseUrl}/wxa/getwxacodeunlimit?${new URLSearchParams({ access_token: token })}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      contentType = (response.headers.get('content-type') ?? '').toLowerCase();
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw fail(describeFetchFailure(error));
    }
    if (status < 200 || status > 299) throw fail({ reason: 'http status', status });

    if (contentType.startsWith('image/')) {
      if (!startsWith(bytes, PNG_MAGIC) && !startsWith(bytes, JPEG_MAGIC)) {
        throw fail({ reason: 'image is neither PNG nor JPEG', contentType, bytes: bytes.length });
      }
      this.#logger.info({ appid, page: request.page, bytes: bytes.length, durationMs: Date.now() - started }, 'wechat getwxacodeunlimit ok');
      return { image: bytes };
    }
    const answer = parseObject(new TextDecoder().decode(bytes));
    if (answer === null) throw fail({ reason: 'answer is neither an image nor a JSON object', contentType });
    const { errcode, errmsg } = wechatError(answer);
    if (errcode === 0) throw fail({ reason: 'answer is neither an image nor an errcode', contentType });
    return { errcode, errmsg, durationMs: Date.now() - started };
  }

  #unavailable(appid: string, fields: Record<string, unknown>): DomainError {
    this.#logger.warn({ appid, ...fields }, 'wechat getwxacodeunlimit failed');
    return new DomainError(ErrorCode.WechatUnavailable);
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length > magic.length && magic.every((byte, i) => bytes[i] === byte);
}
