import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { StableAccessTokens, type StableAccessTokensOptions } from '../../../adapters/wechat/stable-access-tokens.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { FakeClock } from '../../support/fake-clock.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { startLocalHttpServer } from '../support/local-http-server.js';
import { type FakeWechat, html, json, startFakeWechat, until } from './fake-wechat-server.js';
import { operWith } from './wechat-fixtures.js';

const APPID = 'wx0000000000000001';
const OTHER_APPID = 'wx0000000000000002';
const APP_SECRET = 'f3c1a0b9e8d7c6b5a4f3e2d1c0b9a8f7';
const STABLE_TOKEN = '/cgi-bin/stable_token';
const MINUTE = 60_000;

describe('StableAccessTokens', () => {
  const secrets = new SecretBox(randomBytes(32));
  const oper = operWith(APPID, secrets.seal(APP_SECRET));
  const otherOper = operWith(OTHER_APPID, secrets.seal('another-secret'));
  let wechat: FakeWechat;
  let log: CapturedLogger;
  let clock: FakeClock;
  let issued: number;
  let current: Map<string, { token: string; until: number }>;

  const tokens = (options: Partial<StableAccessTokensOptions> = {}) =>
    new StableAccessTokens({ baseUrl: wechat.url, timeoutMs: 2000, secrets, logger: log.logger, clock, ...options });
  /**
   * Answers like WeChat's stable_token: a plain call gets the current token while more than five
   * minutes of it are left (else a new one, `token-1`, `token-2`, …); `force_refresh` always
   * issues a new one.
   */
  const issueTokens = (expiresIn = 7200) =>
    wechat.answer(STABLE_TOKEN, (response, call) => {
      const now = clock.now().getTime();
      const { appid, force_refresh: forced } = call.body as { appid: string; force_refresh?: unknown };
      let token = current.get(appid);
      if (forced === true || token === undefined || now >= token.until - 300_000) {
        token = { token: `token-${++issued}`, until: now + expiresIn * 1000 };
        current.set(appid, token);
      }
      json({ access_token: token.token, expires_in: Math.round((token.until - now) / 1000) })(response, call);
    });
  const forceFlags = () => wechat.callsTo(STABLE_TOKEN).map((call) => (call.body as { force_refresh: unknown }).force_refresh);
  const domainError = async (promise: Promise<unknown>): Promise<DomainError> => {
    const error = await caught(promise);
    expect(error).to.be.instanceOf(DomainError);
    return error as DomainError;
  };

  before(async () => {
    wechat = await startFakeWechat();
  });
  after(() => wechat.close());
  beforeEach(() => {
    wechat.reset();
    log = capturedLogger();
    clock = new FakeClock();
    issued = 0;
    current = new Map();
  });

  it('asks stable_token with a JSON POST carrying the opened secret, and answers the token', async () => {
    issueTokens();
    expect(await tokens().get(oper)).to.equal('token-1');
    expect(wechat.calls).to.have.length(1);
    const [call] = wechat.calls;
    expect(call!.method).to.equal('POST');
    expect(call!.path).to.equal(STABLE_TOKEN);
    expect(call!.contentType).to.equal('application/json');
    expect(call!.body).to.deep.equal({ grant_type: 'client_credential', appid: APPID, secret: APP_SECRET, force_refresh: false });
    expect(log.entries().at(-1)).to.include({ appid: APPID, forceRefresh: false, expiresIn: 7200, level: 30 });
  });

  it('keeps the token across calls until five minutes before expires_in', async () => {
    issueTokens(7200);
    const cache = tokens();
    expect(await cache.get(oper)).to.equal('token-1');
    clock.advance(7200_000 - 5 * MINUTE - 1);
    expect(await cache.get(oper)).to.equal('token-1');
    expect(wechat.calls).to.have.length(1);
    clock.advance(1);
    expect(await cache.get(oper)).to.equal('token-2');
    expect(await cache.get(oper)).to.equal('token-2');
    expect(forceFlags()).to.deep.equal([false, false]);
  });

  it('honours a configured refresh margin', async () => {
    issueTokens(7200);
    const cache = tokens({ refreshMarginMs: MINUTE });
    await cache.get(oper);
    clock.advance(7200_000 - MINUTE - 1);
    expect(await cache.get(oper)).to.equal('token-1');
    clock.advance(1);
    expect(await cache.get(oper)).to.equal('token-2');
  });

  it('replaces a token too short-lived for the margin at half its life', async () => {
    issueTokens(300);
    const cache = tokens();
    await cache.get(oper);
    clock.advance(150_000 - 1);
    expect(await cache.get(oper)).to.equal('token-1');
    clock.advance(1);
    expect(await cache.get(oper)).to.equal('token-2');
  });

  it('keeps one token per appid', async () => {
    issueTokens();
    const cache = tokens();
    expect(await cache.get(oper)).to.equal('token-1');
    expect(await cache.get(otherOper)).to.equal('token-2');
    expect(await cache.get(oper)).to.equal('token-1');
    expect(await cache.get(otherOper)).to.equal('token-2');
    expect(wechat.calls.map((call) => (call.body as { appid: string }).appid)).to.deep.equal([APPID, OTHER_APPID]);
  });

  it('makes 20 concurrent callers share one request', async () => {
    const held: ServerResponse[] = [];
    wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = tokens();
    const callers = Array.from({ length: 20 }, () => cache.get(oper));
    await until(() => held.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(wechat.calls).to.have.length(1);
    json({ access_token: 'token-shared', expires_in: 7200 })(held[0]!, wechat.calls[0]!);
    expect(await Promise.all(callers)).to.deep.equal(Array.from({ length: 20 }, () => 'token-shared'));
    expect(wechat.calls).to.have.length(1);
  });

  it('shares a failed request with its concurrent callers, and does not cache the failure', async () => {
    const held: ServerResponse[] = [];
    wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = tokens();
    const callers = Array.from({ length: 5 }, () => cache.get(oper).catch((error: unknown) => error));
    await until(() => held.length === 1);
    json({ errcode: -1, errmsg: 'system error' })(held[0]!, wechat.calls[0]!);
    for (const error of await Promise.all(callers)) expect(error).to.be.instanceOf(DomainError).with.property('code', 70012);
    expect(wechat.calls).to.have.length(1);

    issueTokens();
    expect(await cache.get(oper)).to.equal('token-1');
    expect(wechat.calls).to.have.length(2);
  });

  for (const [errcode, errmsg] of [
    [-1, 'system error'],
    [40013, 'invalid appid'],
    [40125, 'invalid appsecret'],
    [40164, 'invalid ip, not in whitelist'],
    [45009, 'reach max api daily quota limit'],
    ['oops', 'not a number'],
  ] as const) {
    it(`answers errcode ${errcode} with 70012 and logs it`, async () => {
      wechat.answer(STABLE_TOKEN, json({ errcode, errmsg }));
      const error = await domainError(tokens().get(oper));
      expect(error.code).to.equal(70012);
      const entry = log.entries().at(-1)!;
      expect(entry).to.include({ appid: APPID, errmsg, forceRefresh: false, level: 40 });
      expect(entry.errcode).to.equal(errcode);
      expect(entry.durationMs).to.be.a('number');
    });
  }

  for (const [what, reply, reason] of [
    ['HTTP 500', json({ access_token: 'token-x', expires_in: 7200 }, 500), 'http status'],
    ['a body that is not JSON', html('<html><body>502 Bad Gateway</body></html>'), 'answer is not a JSON object'],
    ['a JSON body that is not an object', json(['token-x']), 'answer is not a JSON object'],
    ['an answer without access_token', json({ expires_in: 7200 }), 'answer has no access_token'],
    ['an answer without expires_in', json({ access_token: 'token-x' }), 'answer has no valid expires_in'],
    ['a zero expires_in', json({ access_token: 'token-x', expires_in: 0 }), 'answer has no valid expires_in'],
  ] as const) {
    it(`answers 70012 to ${what}`, async () => {
      wechat.answer(STABLE_TOKEN, reply);
      expect((await domainError(tokens().get(oper))).code).to.equal(70012);
      expect(log.entries().at(-1)).to.include({ reason });
    });
  }

  it('gives up after timeoutMs, and a later call tries again', async () => {
    wechat.answer(STABLE_TOKEN, () => undefined);
    const cache = tokens({ timeoutMs: 150 });
    const started = Date.now();
    expect((await domainError(cache.get(oper))).code).to.equal(70012);
    expect(Date.now() - started).to.be.within(140, 1500);
    expect(log.entries().at(-1)).to.include({ reason: 'timeout', appid: APPID });
    issueTokens();
    expect(await cache.get(oper)).to.equal('token-1');
  });

  it('answers 70012 when WeChat cannot be reached', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    expect((await domainError(tokens({ baseUrl: closed.url }).get(oper))).code).to.equal(70012);
    expect(log.entries().at(-1)).to.include({ reason: 'network', code: 'ECONNREFUSED' });
  });

  it('after invalidate, asks plainly, forces a new token once when WeChat still has the refused one, then asks plainly again', async () => {
    issueTokens();
    const cache = tokens();
    await cache.get(oper);
    cache.invalidate(APPID);
    expect(await cache.get(oper)).to.equal('token-2');
    expect(await cache.get(oper)).to.equal('token-2');
    clock.advance(7200_000);
    expect(await cache.get(oper)).to.equal('token-3');
    expect(forceFlags()).to.deep.equal([false, false, true, false]);
    expect(log.entries().at(-2)).to.include({ forceRefresh: true });
  });

  it('takes the token another instance forced, without forcing one more (no ping-pong between instances)', async () => {
    issueTokens();
    const mine = tokens();
    const theirs = tokens();
    const refused = await mine.get(oper);
    expect(await theirs.get(oper)).to.equal(refused);
    theirs.invalidate(APPID, refused);
    expect(await theirs.get(oper)).to.equal('token-2');
    mine.invalidate(APPID, refused);
    expect(await mine.get(oper)).to.equal('token-2');
    expect(forceFlags()).to.deep.equal([false, false, false, true, false]);
  });

  it('forces once however many holders report the same refused token', async () => {
    issueTokens();
    const cache = tokens();
    const refused = await cache.get(oper);
    cache.invalidate(APPID, refused);
    const first = cache.get(oper);
    cache.invalidate(APPID, refused);
    const second = cache.get(oper);
    expect(await Promise.all([first, second])).to.deep.equal(['token-2', 'token-2']);
    cache.invalidate(APPID, refused);
    expect(await cache.get(oper)).to.equal('token-2');
    expect(forceFlags()).to.deep.equal([false, false, true]);
  });

  it('supersedes a plain request in flight with a recovering one when the token is refused meanwhile', async () => {
    const held: ServerResponse[] = [];
    wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = tokens();
    const plain = cache.get(oper);
    await until(() => held.length === 1);
    cache.invalidate(APPID, 'token-old');
    const forced = cache.get(oper);
    await until(() => held.length === 2);
    json({ access_token: 'token-old', expires_in: 7200 })(held[0]!, wechat.calls[0]!);
    json({ access_token: 'token-new', expires_in: 7200 })(held[1]!, wechat.calls[1]!);
    expect(await plain).to.equal('token-old');
    expect(await forced).to.equal('token-new');
    expect(await cache.get(oper)).to.equal('token-new');
    expect(forceFlags()).to.deep.equal([false, false]);
  });

  it('does not keep a plain answer that raced an invalidation', async () => {
    const held: ServerResponse[] = [];
    wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = tokens();
    const plain = cache.get(oper);
    await until(() => held.length === 1);
    cache.invalidate(APPID);
    json({ access_token: 'token-old', expires_in: 7200 })(held[0]!, wechat.calls[0]!);
    expect(await plain).to.equal('token-old');
    issueTokens();
    expect(await cache.get(oper)).to.equal('token-1');
    expect(forceFlags()).to.deep.equal([false, true]);
  });

  it('keeps recovering after a recovery attempt failed', async () => {
    issueTokens();
    const cache = tokens();
    await cache.get(oper);
    cache.invalidate(APPID);
    wechat.answer(STABLE_TOKEN, json({ errcode: -1, errmsg: 'system error' }));
    expect((await domainError(cache.get(oper))).code).to.equal(70012);
    issueTokens();
    expect(await cache.get(oper)).to.equal('token-2');
    expect(forceFlags()).to.deep.equal([false, false, false, true]);
  });

  it('sends the secret but never puts it or a token in a log line or an error', async () => {
    const errors: unknown[] = [];
    const cache = tokens();
    issueTokens();
    await cache.get(oper);
    cache.invalidate(APPID);
    await cache.get(oper);
    for (const reply of [
      json({ errcode: 40125, errmsg: 'invalid appsecret' }),
      json({ access_token: 'token-in-a-500', expires_in: 7200 }, 500),
      json({ access_token: 'token-without-expiry' }),
    ]) {
      wechat.answer(STABLE_TOKEN, reply);
      errors.push(await caught(tokens().get(oper)));
    }
    errors.push(await caught(tokens({ baseUrl: 'http://127.0.0.1:1' }).get(oper)));
    expect(wechat.calls.every((call) => (call.body as { secret: string }).secret === APP_SECRET)).to.equal(true);
    const logged = log.text();
    expect(log.entries()).to.have.length(7); // one line per stable_token call: plain, plain, forced, then four failures
    expect(logged).to.include(APPID);
    const texts = [logged, ...errors.map((e) => (e instanceof Error ? `${e.message} ${e.stack}` : JSON.stringify(e)))];
    for (const text of texts) {
      for (const secret of [APP_SECRET, 'token-1', 'token-2', 'token-in-a-500', 'token-without-expiry']) {
        expect(text).not.to.include(secret);
      }
    }
  });

  it('refuses a malformed base URL, a timeout that is not positive and a negative margin', () => {
    const base = { baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, secrets, logger: capturedLogger().logger };
    expect(() => new StableAccessTokens({ ...base, baseUrl: 'api.weixin.qq.com' })).to.throw();
    expect(() => new StableAccessTokens({ ...base, timeoutMs: 0 })).to.throw(RangeError);
    expect(() => new StableAccessTokens({ ...base, refreshMarginMs: -1 })).to.throw(RangeError);
    expect(() => new StableAccessTokens(base)).not.to.throw();
  });
});
