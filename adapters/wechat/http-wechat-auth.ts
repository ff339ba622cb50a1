import type { Logger } from 'pino';
import type { WechatAuth, WechatSession } from '../../core/identity/wechat-auth.js';
import { DomainError, invalidParameter } from '../../core/shared/domain-error.js';
import { ErrorCode } from '../../core/shared/error-codes.js';
import type { Oper } from '../../core/tenancy/oper.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { fetchText, parseObject } from '../shared/http-answers.js';
import { wechatError } from './wechat-wire.js';
import { inject, injectable } from 'inversify';
import { TOKENS as T } from '../tokens.js';

/** WeChat's own API host; the app passes its sandbox's base instead outside production. */
export const WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';

export interface HttpWechatAuthOptions {
  /** `https://api.weixin.qq.com`, or a sandbox base such as `http://127.0.0.1:3000/wechat-sandbox`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Opens the oper's sealed app secret. */
  readonly secrets: SecretBox;
  readonly logger: Logger;
}

/**
 * errcodes by which WeChat refuses the code itself: 40029 invalid code, 40163 code been used,
 * 40226 high-risk user blocked. Everything else (-1 busy, 45011 rate limit, 40013 invalid appid,
 * 40125 invalid secret, …) is WeChat or our configuration failing, not the client.
 */
const CODE_REFUSED = new Set([40029, 40163, 40226]);

/**
 * {@link WechatAuth} over WeChat's `GET /sns/jscode2session`. A refused code is 10001 naming
 * `code`; a timeout, network error, non-2xx, unreadable answer or any other errcode is 70012.
 * The app secret and the session key never reach a log line or an error; failures are logged
 * with appid, errcode, errmsg and duration.
 */
@injectable()
export class HttpWechatAuth implements WechatAuth {
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #secrets: SecretBox;
  readonly #logger: Logger;

  constructor(@inject(T.HttpWechatAuthOptions) options: HttpWechatAuthOptions) {
    // A malformed base fails at start, not inside a request (where fetch's message would carry the URL).
    if (!URL.canParse(options.baseUrl)) throw new Error('HttpWechatAuth: baseUrl must be an absolute URL');
    if (!(options.timeoutMs > 0)) throw new RangeError('HttpWechatAuth: timeoutMs must be positive');
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
  }

  async codeToSession(oper: Oper, code: string): Promise<WechatSession> {
    const { appid, sealedSecret } = oper.miniProgram;
    const started = Date.now();
    const log = (fields: Record<string, unknown>) => ({ appid, durationMs: Date.now() - started, ...fields });
    const unavailable = (fields: Record<string, unknown>): DomainError => {
      this.#logger.warn(log(fields), 'wechat jscode2session failed');
      return new DomainError(ErrorCode.WechatUnavailable);
    };

    const query = new URLSearchParams({
      appid,
      secret: this.#secrets.open(sealedSecret),
      js_code: code,
      grant_type: 'authorization_code',
    });
    const answered = await fetchText(`${this.#baseUrl}/sns/jscode2session?${query}`, {}, this.#timeoutMs);
    if ('failure' in answered) throw unavailable(answered.failure);
    const { status, text } = answered;

    // WeChat answers JSON with a text/plain content type, so the body is parsed whatever it says.
    const answer = parseObject(text);
    if (answer === null) throw unavailable({ reason: 'answer is not a JSON object', status });
    const { errcode, errmsg } = wechatError(answer);
    if (errcode !== 0) {
      if (typeof errcode === 'number' && CODE_REFUSED.has(errcode)) {
        this.#logger.info(log({ errcode, errmsg }), 'wechat jscode2session refused the code');
        throw invalidParameter('code', '无效或已使用');
      }
      throw unavailable({ reason: 'errcode', errcode, errmsg });
    }
    if (typeof answer.openid !== 'string' || answer.openid === '') {
      throw unavailable({ reason: 'answer has no openid' });
    }
    this.#logger.info(log({}), 'wechat jscode2session ok');
    return typeof answer.unionid === 'string' && answer.unionid !== ''
      ? { openId: answer.openid, unionId: answer.unionid }
      : { openId: answer.openid };
  }
}
