import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpMiniProgramCodes, type HttpMiniProgramCodesOptions } from '../../../adapters/wechat/http-mini-program-codes.js';
import { StableAccessTokens } from '../../../adapters/wechat/stable-access-tokens.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { startLocalHttpServer } from '../support/local-http-server.js';
import { type FakeWechat, html, image, json, startFakeWechat, type WechatReply } from './fake-wechat-server.js';
import { jpegHeadedBytes, onePixelPng } from './tiny-images.js';
import { operWith } from './wechat-fixtures.js';

const APPID = 'wx0000000000000001';
const APP_SECRET = 'f3c1a0b9e8d7c6b5a4f3e2d1c0b9a8f7';
const STABLE_TOKEN = '/cgi-bin/stable_token';
const UNLIMITED = '/wxa/getwxacodeunlimit';
const SCENE = '84920175362018475920183746501928';
const PAGE = 'pages/severs/index/index';
const PNG = onePixelPng();

describe('HttpMiniProgramCodes', () => {
  const secrets = new SecretBox(randomBytes(32));
  const oper = operWith(APPID, secrets.seal(APP_SECRET));
  let wechat: FakeWechat;
  let log: CapturedLogger;
  let issued: number;

  const codes = (options: Partial<HttpMiniProgramCodesOptions> = {}, tokenBase = wechat.url) =>
    new HttpMiniProgramCodes({
      baseUrl: wechat.url,
      timeoutMs: 2000,
      tokens: new StableAccessTokens({ baseUrl: tokenBase, timeoutMs: 2000, secrets, logger: log.logger }),
      logger: log.logger,
      envVersion: 'release',
      checkPath: true,
      ...options,
    });
  const request = { scene: SCENE, page: PAGE };
  /** Answers getwxacodeunlimit by the access token it was called with. */
  const answerByToken = (replies: Record<string, WechatReply>) =>
    wechat.answer(UNLIMITED, (response, call) => replies[call.query.get('access_token') ?? '']!(response, call));
  const codeCalls = () => wechat.callsTo(UNLIMITED);
  const tokensUsed = () => codeCalls().map((call) => call.query.get('access_token'));
  /** Answers like WeChat's stable_token: a plain call gets the current token, a forced one a new one. */
  const stableTokens = () => {
    let current: string | null = issued > 0 ? `token-${issued}` : null;
    return (response: ServerResponse, call: Parameters<ReturnType<typeof json>>[1]) => {
      if ((call.body as { force_refresh?: unknown }).force_refresh === true || current === null) current = `token-${++issued}`;
      json({ access_token: current, expires_in: 7200 })(response, call);
    };
  };
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
    issued = 0;
    wechat.answer(STABLE_TOKEN, stableTokens());
  });

  it('answers the PNG WeChat sends, having asked with the token and the configured body', async () => {
    wechat.answer(UNLIMITED, image(PNG));
    const png = await codes().unlimited(oper, request);
    expect(png).to.be.instanceOf(Uint8Array);
    expect(Buffer.from(png).equals(PNG)).to.equal(true);
    expect(wechat.calls.map((call) => `${call.method} ${call.path}`)).to.deep.equal([`POST ${STABLE_TOKEN}`, `POST ${UNLIMITED}`]);
    const [call] = codeCalls();
    expect(Object.fromEntries(call!.query)).to.deep.equal({ access_token: 'token-1' });
    expect(call!.contentType).to.equal('application/json');
    expect(call!.body).to.deep.equal({
      scene: SCENE,
      page: PAGE,
      check_path: true,
      env_version: 'release',
      width: 430,
      auto_color: false,
      is_hyaline: false,
    });
    expect(log.entries().at(-1)).to.include({ appid: APPID, page: PAGE, bytes: PNG.length, level: 30 });
  });

  it('sends the configured version, path check and width', async () => {
    wechat.answer(UNLIMITED, image(PNG));
    await codes({ envVersion: 'trial', checkPath: false, width: 280 }).unlimited(oper, request);
    await codes({ envVersion: 'develop', checkPath: false, width: 1280 }).unlimited(oper, { scene: 'abc', page: 'pages/pay/index' });
    expect(codeCalls().map((call) => call.body)).to.deep.equal([
      { scene: SCENE, page: PAGE, check_path: false, env_version: 'trial', width: 280, auto_color: false, is_hyaline: false },
      { scene: 'abc', page: 'pages/pay/index', check_path: false, env_version: 'develop', width: 1280, auto_color: false, is_hyaline: false },
    ]);
  });

  it('reuses the access token from one code to the next', async () => {
    wechat.answer(UNLIMITED, image(PNG));
    const adapter = codes();
    await adapter.unlimited(oper, request);
    await adapter.unlimited(oper, { scene: 'second', page: PAGE });
    expect(wechat.callsTo(STABLE_TOKEN)).to.have.length(1);
    expect(tokensUsed()).to.deep.equal(['token-1', 'token-1']);
  });

  it('accepts a JPEG, and a PNG labelled image/jpeg', async () => {
    const jpeg = jpegHeadedBytes();
    wechat.answer(UNLIMITED, image(jpeg, 'image/jpeg'));
    expect(Buffer.from(await codes().unlimited(oper, request)).equals(jpeg)).to.equal(true);
    wechat.answer(UNLIMITED, image(PNG, 'image/jpeg'));
    expect(Buffer.from(await codes().unlimited(oper, request)).equals(PNG)).to.equal(true);
  });

  for (const [what, bytes] of [
    ['bytes that are not an image', Buffer.from('{"errcode":0,"errmsg":"ok"}')],
    ['no bytes', Buffer.alloc(0)],
    ['a truncated PNG signature', PNG.subarray(0, 8)],
  ] as const) {
    it(`answers 70012 to an image content type over ${what}`, async () => {
      wechat.answer(UNLIMITED, image(bytes, 'image/png'));
      expect((await domainError(codes().unlimited(oper, request))).code).to.equal(70012);
      expect(log.entries().at(-1)).to.include({ appid: APPID, reason: 'image is neither PNG nor JPEG', level: 40 });
    });
  }

  for (const [errcode, errmsg] of [
    [40001, 'invalid credential, access_token is invalid or not latest'],
    [42001, 'access_token expired'],
    [40014, 'invalid access_token'],
  ] as const) {
    it(`on ${errcode} forgets the token and tries once more with a forced new one`, async () => {
      answerByToken({ 'token-1': json({ errcode, errmsg }), 'token-2': image(PNG) });
      const png = await codes().unlimited(oper, request);
      expect(Buffer.from(png).equals(PNG)).to.equal(true);
      expect(tokensUsed()).to.deep.equal(['token-1', 'token-2']);
      expect(forceFlags()).to.deep.equal([false, false, true]);
      expect(codeCalls()[1]!.body).to.deep.equal(codeCalls()[0]!.body);
      expect(log.entries().some((entry) => entry.errcode === errcode && entry.appid === APPID)).to.equal(true);
    });
  }

  it('keeps the new token after a retry', async () => {
    answerByToken({ 'token-1': json({ errcode: 40001, errmsg: 'invalid credential' }), 'token-2': image(PNG) });
    const adapter = codes();
    await adapter.unlimited(oper, request);
    await adapter.unlimited(oper, request);
    expect(tokensUsed()).to.deep.equal(['token-1', 'token-2', 'token-2']);
    expect(forceFlags()).to.deep.equal([false, false, true]);
  });

  it('gives up with 70012 when the new token is refused too', async () => {
    wechat.answer(UNLIMITED, json({ errcode: 42001, errmsg: 'access_token expired' }));
    expect((await domainError(codes().unlimited(oper, request))).code).to.equal(70012);
    expect(tokensUsed()).to.deep.equal(['token-1', 'token-2']);
    expect(log.entries().at(-1)).to.include({ appid: APPID, errcode: 42001, retried: true, level: 40 });
  });

  it('asks once and forces one new token for many concurrent codes refused with the same token', async () => {
    answerByToken({ 'token-1': json({ errcode: 40001, errmsg: 'invalid credential' }), 'token-2': image(PNG) });
    const adapter = codes();
    await adapter.unlimited(oper, request).catch(() => undefined);
    wechat.reset();
    answerByToken({ 'token-2': json({ errcode: 40001, errmsg: 'invalid credential' }), 'token-3': image(PNG) });
    wechat.answer(STABLE_TOKEN, stableTokens());
    const pngs = await Promise.all(Array.from({ length: 8 }, (_, i) => adapter.unlimited(oper, { scene: `s${i}`, page: PAGE })));
    for (const png of pngs) expect(Buffer.from(png).equals(PNG)).to.equal(true);
    expect(forceFlags()).to.deep.equal([false, true]);
    expect(tokensUsed().filter((token) => token === 'token-2')).to.have.length(8);
    expect(tokensUsed().filter((token) => token === 'token-3')).to.have.length(8);
  });

  for (const [errcode, errmsg] of [
    [41030, 'invalid page rid: 65051e2d-76c2af4d-4e65d981'],
    [40097, 'invalid args'],
    [45009, 'reach max api daily quota limit'],
    [40129, 'invalid scene'],
    [-1, 'system error'],
  ] as const) {
    it(`answers errcode ${errcode} with 70012, logging it, without a retry`, async () => {
      wechat.answer(UNLIMITED, json({ errcode, errmsg }));
      expect((await domainError(codes().unlimited(oper, request))).code).to.equal(70012);
      expect(codeCalls()).to.have.length(1);
      expect(wechat.callsTo(STABLE_TOKEN)).to.have.length(1);
      const entry = log.entries().at(-1)!;
      expect(entry).to.include({ appid: APPID, errcode, errmsg, reason: 'errcode', level: 40 });
      expect(entry.durationMs).to.be.a('number');
    });
  }

  for (const [what, reply, reason] of [
    ['HTTP 500 with JSON', json({ errcode: -1, errmsg: 'system error' }, 500), 'http status'],
    ['HTTP 502 with an image', image(PNG, 'image/png', 502), 'http status'],
    ['a body that is neither image nor JSON', html('<html><body>502 Bad Gateway</body></html>'), 'answer is neither an image nor a JSON object'],
    ['JSON without an errcode', json({ errmsg: 'ok' }), 'answer is neither an image nor an errcode'],
    ['errcode 0 without an image', json({ errcode: 0, errmsg: 'ok' }), 'answer is neither an image nor an errcode'],
  ] as const) {
    it(`answers 70012 to ${what}`, async () => {
      wechat.answer(UNLIMITED, reply);
      expect((await domainError(codes().unlimited(oper, request))).code).to.equal(70012);
      expect(codeCalls()).to.have.length(1);
      expect(log.entries().at(-1)).to.include({ appid: APPID, reason });
    });
  }

  it('gives up after timeoutMs when WeChat never answers', async () => {
    wechat.answer(UNLIMITED, () => undefined);
    const started = Date.now();
    expect((await domainError(codes({ timeoutMs: 150 }).unlimited(oper, request))).code).to.equal(70012);
    expect(Date.now() - started).to.be.within(140, 1500);
    expect(log.entries().at(-1)).to.include({ reason: 'timeout', appid: APPID });
  });

  it('gives up when a slow image outlasts timeoutMs', async () => {
    wechat.answer(UNLIMITED, (response) => {
      response.writeHead(200, { 'Content-Type': 'image/png' });
      response.write(PNG.subarray(0, 10));
    });
    expect((await domainError(codes({ timeoutMs: 150 }).unlimited(oper, request))).code).to.equal(70012);
    expect(log.entries().at(-1)).to.include({ reason: 'timeout' });
  });

  it('answers 70012 when WeChat cannot be reached', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    expect((await domainError(codes({ baseUrl: closed.url }).unlimited(oper, request))).code).to.equal(70012);
    expect(log.entries().at(-1)).to.include({ reason: 'network', code: 'ECONNREFUSED' });
  });

  it('answers 70012 without asking for a code when no access token can be had', async () => {
    wechat.answer(STABLE_TOKEN, json({ errcode: 40125, errmsg: 'invalid appsecret' }));
    wechat.answer(UNLIMITED, image(PNG));
    expect((await domainError(codes().unlimited(oper, request))).code).to.equal(70012);
    expect(codeCalls()).to.have.length(0);
  });

  it('never puts the token, the secret or the scene in a log line or an error', async () => {
    const errors: unknown[] = [];
    const replies: WechatReply[] = [
      image(PNG),
      json({ errcode: 40001, errmsg: 'invalid credential' }),
      json({ errcode: 41030, errmsg: 'invalid page' }),
      json({ errcode: -1, errmsg: 'system error' }, 500),
      html('oops'),
    ];
    for (const reply of replies) {
      wechat.answer(UNLIMITED, reply);
      errors.push(await codes().unlimited(oper, request).catch((error: unknown) => error));
    }
    errors.push(await codes({ baseUrl: 'http://127.0.0.1:1' }).unlimited(oper, request).catch((error: unknown) => error));
    const tokens = wechat.callsTo(STABLE_TOKEN).length;
    expect(tokens).to.be.greaterThan(5);
    const logged = log.text();
    expect(logged).to.include(APPID);
    const texts = [logged, ...errors.map((e) => (e instanceof Error ? `${e.message} ${e.stack}` : JSON.stringify(e)))];
    for (const text of texts) {
      expect(text).not.to.include(APP_SECRET);
      expect(text).not.to.include(SCENE);
      expect(text).not.to.match(/token-\d/);
    }
  });

  it('refuses a malformed base URL, a bad width and an unknown version when built', () => {
    const tokens = new StableAccessTokens({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, secrets, logger: log.logger });
    const base: HttpMiniProgramCodesOptions = {
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 1000,
      tokens,
      logger: log.logger,
      envVersion: 'release',
      checkPath: true,
    };
    expect(() => new HttpMiniProgramCodes({ ...base, baseUrl: 'api.weixin.qq.com' })).to.throw();
    expect(() => new HttpMiniProgramCodes({ ...base, timeoutMs: -1 })).to.throw(RangeError);
    for (const width of [279, 1281, 430.5]) expect(() => new HttpMiniProgramCodes({ ...base, width })).to.throw(RangeError);
    // A configuration read from outside can hold what the type forbids: the constructor refuses it.
    const beta = JSON.parse('{"envVersion":"beta"}') as Pick<HttpMiniProgramCodesOptions, 'envVersion'>;
    expect(() => new HttpMiniProgramCodes({ ...base, ...beta })).to.throw(RangeError);
    expect(() => new HttpMiniProgramCodes(base)).not.to.throw();
  });
});
