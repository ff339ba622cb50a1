import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { StableAccessTokens, type StableAccessTokensOptions } from '../../../adapters/wechat/stable-access-tokens.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { FakeClock } from '../../support/fake-clock.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { type FakeWechat, json, startFakeWechat } from './fake-wechat-server.js';
import { operWith } from './wechat-fixtures.js';

export const APPID = 'wx0000000000000001';
export const OTHER_APPID = 'wx0000000000000002';
export const APP_SECRET = 'f3c1a0b9e8d7c6b5a4f3e2d1c0b9a8f7';
export const STABLE_TOKEN = '/cgi-bin/stable_token';
export const MINUTE = 60_000;

/**
 * A fake WeChat answering stable_token, a fresh log and clock per test, and StableAccessTokens
 * over them; registers its mocha hooks in the calling describe.
 */
export function stableTokensWorld() {
  const secrets = new SecretBox(randomBytes(32));
  let issued = 0;
  let current = new Map<string, { token: string; until: number }>();
  const w = {
    secrets,
    oper: operWith(APPID, secrets.seal(APP_SECRET)),
    otherOper: operWith(OTHER_APPID, secrets.seal('another-secret')),
    wechat: undefined as unknown as FakeWechat,
    log: undefined as unknown as CapturedLogger,
    clock: new FakeClock(),
    tokens: (options: Partial<StableAccessTokensOptions> = {}) =>
      new StableAccessTokens({ baseUrl: w.wechat.url, timeoutMs: 2000, secrets, logger: w.log.logger, clock: w.clock, ...options }),
    /**
     * Answers like WeChat's stable_token: a plain call gets the current token while more than five
     * minutes of it are left (else a new one, `token-1`, `token-2`, …); `force_refresh` always
     * issues a new one.
     */
    issueTokens: (expiresIn = 7200) =>
      w.wechat.answer(STABLE_TOKEN, (response, call) => {
        const now = w.clock.now().getTime();
        const { appid, force_refresh: forced } = call.body as { appid: string; force_refresh?: unknown };
        let token = current.get(appid);
        if (forced === true || token === undefined || now >= token.until - 300_000) {
          token = { token: `token-${++issued}`, until: now + expiresIn * 1000 };
          current.set(appid, token);
        }
        json({ access_token: token.token, expires_in: Math.round((token.until - now) / 1000) })(response, call);
      }),
    forceFlags: () => w.wechat.callsTo(STABLE_TOKEN).map((call) => (call.body as { force_refresh: unknown }).force_refresh),
    domainError: async (promise: Promise<unknown>): Promise<DomainError> => {
      const error = await caught(promise);
      expect(error).to.be.instanceOf(DomainError);
      return error as DomainError;
    },
  };
  before(async () => {
    w.wechat = await startFakeWechat();
  });
  after(() => w.wechat.close());
  beforeEach(() => {
    w.wechat.reset();
    w.log = capturedLogger();
    w.clock = new FakeClock();
    issued = 0;
    current = new Map();
  });
  return w;
}
