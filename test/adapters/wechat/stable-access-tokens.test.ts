import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import { StableAccessTokens } from '../../../adapters/wechat/stable-access-tokens.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { startLocalHttpServer } from '../support/local-http-server.js';
import { html, json, until } from './fake-wechat-server.js';
import { APP_SECRET, APPID, MINUTE, OTHER_APPID, STABLE_TOKEN, stableTokensWorld } from './stable-tokens-world.js';

describe('StableAccessTokens', () => {
  const w = stableTokensWorld();

  it('asks stable_token with a JSON POST carrying the opened secret, and answers the token', async () => {
    w.issueTokens();
    expect(await w.tokens().get(w.oper)).to.equal('token-1');
    expect(w.wechat.calls).to.have.length(1);
    const [call] = w.wechat.calls;
    expect(call!.method).to.equal('POST');
    expect(call!.path).to.equal(STABLE_TOKEN);
    expect(call!.contentType).to.equal('application/json');
    expect(call!.body).to.deep.equal({ grant_type: 'client_credential', appid: APPID, secret: APP_SECRET, force_refresh: false });
    expect(w.log.entries().at(-1)).to.include({ appid: APPID, forceRefresh: false, expiresIn: 7200, level: 30 });
  });

  it('keeps the token across calls until five minutes before expires_in', async () => {
    w.issueTokens(7200);
    const cache = w.tokens();
    expect(await cache.get(w.oper)).to.equal('token-1');
    w.clock.advance(7200_000 - 5 * MINUTE - 1);
    expect(await cache.get(w.oper)).to.equal('token-1');
    expect(w.wechat.calls).to.have.length(1);
    w.clock.advance(1);
    expect(await cache.get(w.oper)).to.equal('token-2');
    expect(await cache.get(w.oper)).to.equal('token-2');
    expect(w.forceFlags()).to.deep.equal([false, false]);
  });

  it('honours a configured refresh margin', async () => {
    w.issueTokens(7200);
    const cache = w.tokens({ refreshMarginMs: MINUTE });
    await cache.get(w.oper);
    w.clock.advance(7200_000 - MINUTE - 1);
    expect(await cache.get(w.oper)).to.equal('token-1');
    w.clock.advance(1);
    expect(await cache.get(w.oper)).to.equal('token-2');
  });

  it('replaces a token too short-lived for the margin at half its life', async () => {
    w.issueTokens(300);
    const cache = w.tokens();
    await cache.get(w.oper);
    w.clock.advance(150_000 - 1);
    expect(await cache.get(w.oper)).to.equal('token-1');
    w.clock.advance(1);
    expect(await cache.get(w.oper)).to.equal('token-2');
  });

  it('keeps one token per appid', async () => {
    w.issueTokens();
    const cache = w.tokens();
    expect(await cache.get(w.oper)).to.equal('token-1');
    expect(await cache.get(w.otherOper)).to.equal('token-2');
    expect(await cache.get(w.oper)).to.equal('token-1');
    expect(await cache.get(w.otherOper)).to.equal('token-2');
    expect(w.wechat.calls.map((call) => (call.body as { appid: string }).appid)).to.deep.equal([APPID, OTHER_APPID]);
  });

  it('makes 20 concurrent callers share one request', async () => {
    const held: ServerResponse[] = [];
    w.wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = w.tokens();
    const callers = Array.from({ length: 20 }, () => cache.get(w.oper));
    // Another appid's request, sent after the 20 callers: once it has arrived, so would theirs.
    const other = cache.get(w.otherOper);
    await until(() => held.length >= 2);
    const appids = () => w.wechat.calls.map((call) => (call.body as { appid: string }).appid);
    expect(appids()).to.deep.equal([APPID, OTHER_APPID]);
    json({ access_token: 'token-shared', expires_in: 7200 })(held[0]!, w.wechat.calls[0]!);
    json({ access_token: 'token-other', expires_in: 7200 })(held[1]!, w.wechat.calls[1]!);
    expect(await Promise.all(callers)).to.deep.equal(Array.from({ length: 20 }, () => 'token-shared'));
    expect(await other).to.equal('token-other');
    expect(appids()).to.deep.equal([APPID, OTHER_APPID]);
  });

  it('shares a failed request with its concurrent callers, and does not cache the failure', async () => {
    const held: ServerResponse[] = [];
    w.wechat.answer(STABLE_TOKEN, (response) => void held.push(response));
    const cache = w.tokens();
    const callers = Array.from({ length: 5 }, () => cache.get(w.oper).catch((error: unknown) => error));
    await until(() => held.length === 1);
    json({ errcode: -1, errmsg: 'system error' })(held[0]!, w.wechat.calls[0]!);
    for (const error of await Promise.all(callers)) expect(error).to.be.instanceOf(DomainError).with.property('code', 70012);
    expect(w.wechat.calls).to.have.length(1);

    w.issueTokens();
    expect(await cache.get(w.oper)).to.equal('token-1');
    expect(w.wechat.calls).to.have.length(2);
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
      w.wechat.answer(STABLE_TOKEN, json({ errcode, errmsg }));
      const error = await w.domainError(w.tokens().get(w.oper));
      expect(error.code).to.equal(70012);
      const entry = w.log.entries().at(-1)!;
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
      w.wechat.answer(STABLE_TOKEN, reply);
      expect((await w.domainError(w.tokens().get(w.oper))).code).to.equal(70012);
      expect(w.log.entries().at(-1)).to.include({ reason });
    });
  }

  it('gives up after timeoutMs, and a later call tries again', async () => {
    w.wechat.answer(STABLE_TOKEN, () => undefined);
    const cache = w.tokens({ timeoutMs: 150 });
    const started = Date.now();
    expect((await w.domainError(cache.get(w.oper))).code).to.equal(70012);
    expect(Date.now() - started).to.be.within(140, 1500);
    expect(w.log.entries().at(-1)).to.include({ reason: 'timeout', appid: APPID });
    w.issueTokens();
    expect(await cache.get(w.oper)).to.equal('token-1');
  });

  it('answers 70012 when WeChat cannot be reached', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    expect((await w.domainError(w.tokens({ baseUrl: closed.url }).get(w.oper))).code).to.equal(70012);
    expect(w.log.entries().at(-1)).to.include({ reason: 'network', code: 'ECONNREFUSED' });
  });

  it('sends the secret but never puts it or a token in a log line or an error', async () => {
    const errors: unknown[] = [];
    const cache = w.tokens();
    w.issueTokens();
    await cache.get(w.oper);
    cache.invalidate(APPID);
    await cache.get(w.oper);
    for (const reply of [
      json({ errcode: 40125, errmsg: 'invalid appsecret' }),
      json({ access_token: 'token-in-a-500', expires_in: 7200 }, 500),
      json({ access_token: 'token-without-expiry' }),
    ]) {
      w.wechat.answer(STABLE_TOKEN, reply);
      errors.push(await caught(w.tokens().get(w.oper)));
    }
    errors.push(await caught(w.tokens({ baseUrl: 'http://127.0.0.1:1' }).get(w.oper)));
    expect(w.wechat.calls.every((call) => (call.body as { secret: string }).secret === APP_SECRET)).to.equal(true);
    const logged = w.log.text();
    expect(w.log.entries()).to.have.length(7); // one line per stable_token call: plain, plain, forced, then four failures
    expect(logged).to.include(APPID);
    const texts = [logged, ...errors.map((e) => (e instanceof Error ? `${e.message} ${e.stack}` : JSON.stringify(e)))];
    for (const text of texts) {
      for (const secret of [APP_SECRET, 'token-1', 'token-2', 'token-in-a-500', 'token-without-expiry']) {
        expect(text).not.to.include(secret);
      }
    }
  });

  it('refuses a malformed base URL, a timeout that is not positive and a negative margin', () => {
    const base = { baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, secrets: w.secrets, logger: capturedLogger().logger };
    expect(() => new StableAccessTokens({ ...base, baseUrl: 'api.weixin.qq.com' })).to.throw();
    expect(() => new StableAccessTokens({ ...base, timeoutMs: 0 })).to.throw(RangeError);
    expect(() => new StableAccessTokens({ ...base, refreshMarginMs: -1 })).to.throw(RangeError);
    expect(() => new StableAccessTokens(base)).not.to.throw();
  });
});
