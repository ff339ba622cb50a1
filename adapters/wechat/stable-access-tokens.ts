import type { Logger } from 'pino';
import { type Clock, systemClock } from '../../core/shared/clock.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { ErrorCode } from '../../core/shared/error-codes.js';
import type { Oper } from '../../core/tenancy/oper.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { fetchText } from '../shared/http-answers.js';
import { checkClientOptions, parseObject, wechatError } from './wechat-wire.js';
import { inject, injectable } from 'inversify';
import { TOKENS as T } from '../tokens.js';

/** A token is replaced this long before WeChat says it expires, unless configured otherwise. */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export interface StableAccessTokensOptions {
  /** `https://api.weixin.qq.com`, or a sandbox base such as `http://127.0.0.1:3000/wechat-sandbox`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Opens the oper's sealed app secret. */
  readonly secrets: SecretBox;
  readonly logger: Logger;
  /** For the expiry arithmetic; the system clock by default. */
  readonly clock?: Clock;
  /** How long before `expires_in` runs out a token is replaced; {@link DEFAULT_REFRESH_MARGIN_MS} by default. */
  readonly refreshMarginMs?: number;
}

interface CachedToken {
  readonly token: string;
  /** Epoch ms (by the clock) from which the token is fetched again. */
  readonly refreshAt: number;
}

interface Flight {
  readonly promise: Promise<string>;
  readonly forced: boolean;
}

interface StableToken {
  readonly token: string;
  readonly expiresInMs: number;
}

/**
 * Access tokens of the opers' mini programs from WeChat's `POST /cgi-bin/stable_token`, cached
 * per appid until a margin before `expires_in`. Without a stampede: concurrent callers for one
 * appid share one request in flight; a failed request is not cached (the next caller tries again).
 * A token WeChat refused is {@link StableAccessTokens.invalidate}d. The next request for that
 * appid first asks plainly: when another instance has already forced a new token, WeChat hands
 * that one out, and nothing is forced. Only when the plain answer is the refused token again does
 * it force a new one (`force_refresh`, which voids the old token for every holder). So instances
 * sharing an appid never void each other's fresh tokens in turn.
 *
 * Failures are DomainError 70012, logged with appid, errcode, errmsg and duration; the app secret
 * and the tokens never reach a log line or an error.
 */
@injectable()
export class StableAccessTokens {
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #secrets: SecretBox;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #marginMs: number;
  readonly #cached = new Map<string, CachedToken>();
  readonly #inFlight = new Map<string, Flight>();
  /** Appids whose token WeChat refused, with that token when known: their next request recovers. */
  readonly #forceNext = new Map<string, string | undefined>();

  constructor(@inject(T.StableAccessTokensOptions) options: StableAccessTokensOptions) {
    this.#baseUrl = checkClientOptions('StableAccessTokens', options.baseUrl, options.timeoutMs);
    const marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    if (!(marginMs >= 0) || !Number.isFinite(marginMs)) {
      throw new RangeError('StableAccessTokens: refreshMarginMs must be a finite number, 0 or more');
    }
    this.#timeoutMs = options.timeoutMs;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#marginMs = marginMs;
  }

  /** The oper's access token: the cached one while fresh, else the one of the request in flight, else a new request's. */
  get(oper: Oper): Promise<string> {
    const { appid } = oper.miniProgram;
    const cached = this.#cached.get(appid);
    if (cached !== undefined && this.#clock.now().getTime() < cached.refreshAt) return Promise.resolve(cached.token);
    const forced = this.#forceNext.has(appid);
    const flight = this.#inFlight.get(appid);
    // A plain request in flight may bring back the refused token: a forced one supersedes it.
    if (flight !== undefined && (flight.forced || !forced)) return flight.promise;
    return this.#start(oper, forced);
  }

  /**
   * Forgets the appid's token, which WeChat reported invalid (40001, 42001, 40014): the next
   * {@link get} forces a new one. Given the refused `token`, does nothing once a newer token has
   * replaced it or is being forced, so callers that held the same old token force it only once.
   */
  invalidate(appid: string, token?: string): void {
    const cached = this.#cached.get(appid);
    if (token !== undefined && cached !== undefined && cached.token !== token) return;
    this.#cached.delete(appid);
    if (this.#inFlight.get(appid)?.forced === true) return;
    this.#forceNext.set(appid, token ?? cached?.token);
  }

  #start(oper: Oper, forced: boolean): Promise<string> {
    const { appid } = oper.miniProgram;
    const isCurrent = () => this.#inFlight.get(appid) === flight;
    const promise = (forced ? this.#recover(oper, this.#forceNext.get(appid)) : this.#request(oper, false)).then(
      ({ token, expiresInMs }) => {
        if (isCurrent()) {
          this.#inFlight.delete(appid);
          if (forced) this.#forceNext.delete(appid);
          // A plain answer that raced an invalidation may be the refused token: not kept.
          if (forced || !this.#forceNext.has(appid)) {
            const refreshAfterMs = expiresInMs > 2 * this.#marginMs ? expiresInMs - this.#marginMs : expiresInMs / 2;
            this.#cached.set(appid, { token, refreshAt: this.#clock.now().getTime() + refreshAfterMs });
          }
        }
        return token;
      },
      (error: unknown) => {
        if (isCurrent()) this.#inFlight.delete(appid);
        throw error;
      },
    );
    const flight: Flight = { promise, forced };
    this.#inFlight.set(appid, flight);
    return promise;
  }

  /** After a refusal: the current token if it is not the refused one, else a forced new one. */
  async #recover(oper: Oper, refused: string | undefined): Promise<StableToken> {
    if (refused !== undefined) {
      const plain = await this.#request(oper, false);
      if (plain.token !== refused) return plain;
    }
    return this.#request(oper, true);
  }

  async #request(oper: Oper, forced: boolean): Promise<StableToken> {
    const { appid, sealedSecret } = oper.miniProgram;
    const started = Date.now();
    const log = (fields: Record<string, unknown>) => ({ appid, forceRefresh: forced, durationMs: Date.now() - started, ...fields });
    const unavailable = (fields: Record<string, unknown>): DomainError => {
      this.#logger.warn(log(fields), 'wechat stable_token failed');
      return new DomainError(ErrorCode.WechatUnavailable);
    };

    const body = JSON.stringify({
      grant_type: 'client_credential',
      appid,
      secret: this.#secrets.open(sealedSecret),
      force_refresh: forced,
    });
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body };
    const answered = await fetchText(`${this.#baseUrl}/cgi-bin/stable_token`, init, this.#timeoutMs);
    if ('failure' in answered) throw unavailable(answered.failure);
    const { status, text } = answered;

    const answer = parseObject(text);
    if (answer === null) throw unavailable({ reason: 'answer is not a JSON object', status });
    const { errcode, errmsg } = wechatError(answer);
    if (errcode !== 0) throw unavailable({ reason: 'errcode', errcode, errmsg });
    const expiresIn = typeof answer.expires_in === 'number' || typeof answer.expires_in === 'string' ? Number(answer.expires_in) : NaN;
    if (typeof answer.access_token !== 'string' || answer.access_token === '') {
      throw unavailable({ reason: 'answer has no access_token' });
    }
    if (!(expiresIn > 0) || !Number.isFinite(expiresIn)) throw unavailable({ reason: 'answer has no valid expires_in' });
    this.#logger.info(log({ expiresIn }), 'wechat stable_token ok');
    return { token: answer.access_token, expiresInMs: expiresIn * 1000 };
  }
}
