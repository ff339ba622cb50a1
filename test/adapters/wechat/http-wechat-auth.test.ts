import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpWechatAuth } from '../../../adapters/wechat/http-wechat-auth.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { type LocalHttpServer, sendJson, startLocalHttpServer } from '../support/local-http-server.js';
import { operWith } from './wechat-fixtures.js';

const APPID = 'wx0000000000000001';
const APP_SECRET = 'f3c1a0b9e8d7c6b5a4f3e2d1c0b9a8f7';
const SESSION_KEY = 'tiihtNczf5v6AKRyjwEUhQ==';

/** What the fake WeChat answers; set by each test. */
type Reply = (response: ServerResponse) => void;

describe('HttpWechatAuth', () => {
  const secrets = new SecretBox(randomBytes(32));
  const oper = operWith(APPID, secrets.seal(APP_SECRET));
  let server: LocalHttpServer;
  let reply: Reply;
  let received: Array<{ method: string; path: string; query: URLSearchParams }>;
  let log: CapturedLogger;

  const auth = (timeoutMs = 2000, base = `${server.url}/wechat-sandbox`) =>
    new HttpWechatAuth({ baseUrl: base, timeoutMs, secrets, logger: log.logger });
  const answer = (body: unknown): Reply => (response) => sendJson(response, body, 200, 'text/plain');
  const domainError = async (promise: Promise<unknown>): Promise<DomainError> => {
    const error = await caught(promise);
    expect(error).to.be.instanceOf(DomainError);
    return error as DomainError;
  };

  before(async () => {
    server = await startLocalHttpServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://local');
      received.push({ method: request.method ?? '', path: url.pathname, query: url.searchParams });
      reply(response);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    received = [];
    log = capturedLogger();
  });

  it('trades the code for the openId, sending the opened secret as WeChat asks', async () => {
    reply = answer({ openid: 'o-user-1', session_key: SESSION_KEY, unionid: 'u-user-1' });
    const session = await auth().codeToSession(oper, '0a3Xyz==&+');
    expect(session).to.deep.equal({ openId: 'o-user-1', unionId: 'u-user-1' });
    expect(received).to.have.length(1);
    const [call] = received;
    expect(call!.method).to.equal('GET');
    expect(call!.path).to.equal('/wechat-sandbox/sns/jscode2session');
    expect(Object.fromEntries(call!.query)).to.deep.equal({
      appid: APPID,
      secret: APP_SECRET,
      js_code: '0a3Xyz==&+',
      grant_type: 'authorization_code',
    });
  });

  it('accepts a base URL with a trailing slash', async () => {
    reply = answer({ openid: 'o-user-1', session_key: SESSION_KEY });
    await auth(2000, `${server.url}/`).codeToSession(oper, 'c');
    expect(received[0]!.path).to.equal('/sns/jscode2session');
  });

  it('leaves unionId out when WeChat gives none, and reads errcode 0 as success', async () => {
    reply = answer({ openid: 'o-user-2', session_key: SESSION_KEY, errcode: 0, errmsg: 'ok' });
    expect(await auth().codeToSession(oper, 'c')).to.deep.equal({ openId: 'o-user-2' });
  });

  for (const [errcode, errmsg] of [
    [40029, 'invalid code, rid: 1'],
    [40163, 'code been used, rid: 2'],
    [40226, 'code blocked, rid: 3'],
  ] as const) {
    it(`answers ${errcode} (${errmsg.split(',')[0]}) with 10001 naming the code`, async () => {
      reply = answer({ errcode, errmsg });
      const error = await domainError(auth().codeToSession(oper, 'c'));
      expect(error.code).to.equal(10001);
      expect(error.message).to.equal('参数不合法: code 无效或已使用');
      expect(log.entries().at(-1)).to.include({ appid: APPID, errcode, errmsg });
    });
  }

  for (const [errcode, errmsg] of [
    [-1, 'system error'],
    [45011, 'api minute-quota reach limit'],
    [40013, 'invalid appid'],
    [40125, 'invalid appsecret'],
    [41008, 'missing code'],
    ['oops', 'not a number'],
  ] as const) {
    it(`answers errcode ${errcode} with 70012 and logs it`, async () => {
      reply = answer({ errcode, errmsg });
      const error = await domainError(auth().codeToSession(oper, 'c'));
      expect(error.code).to.equal(70012);
      expect(error.message).to.equal('微信接口调用失败');
      const entry = log.entries().at(-1)!;
      expect(entry).to.include({ appid: APPID, errmsg, level: 40 });
      expect(entry.errcode).to.equal(errcode);
      expect(entry.durationMs).to.be.a('number');
    });
  }

  it('answers 70012 when WeChat answers without an openid', async () => {
    reply = answer({ session_key: SESSION_KEY });
    expect((await domainError(auth().codeToSession(oper, 'c'))).code).to.equal(70012);
  });

  it('answers 70012 to HTTP 502', async () => {
    reply = (response) => sendJson(response, { openid: 'o-user-1' }, 502);
    expect((await domainError(auth().codeToSession(oper, 'c'))).code).to.equal(70012);
    expect(log.entries().at(-1)).to.include({ reason: 'http status', status: 502 });
  });

  it('answers 70012 to a body that is not JSON', async () => {
    reply = (response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>502 Bad Gateway</body></html>');
    };
    expect((await domainError(auth().codeToSession(oper, 'c'))).code).to.equal(70012);
  });

  it('answers 70012 to a JSON body that is not an object', async () => {
    reply = answer(['o-user-1']);
    expect((await domainError(auth().codeToSession(oper, 'c'))).code).to.equal(70012);
  });

  it('gives up after timeoutMs when WeChat never answers', async () => {
    reply = () => undefined;
    const started = Date.now();
    const error = await domainError(auth(150).codeToSession(oper, 'c'));
    expect(error.code).to.equal(70012);
    expect(Date.now() - started).to.be.within(140, 1500);
    expect(log.entries().at(-1)).to.include({ reason: 'timeout', appid: APPID });
  });

  it('gives up when a slow body outlasts timeoutMs', async () => {
    reply = (response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"openid":');
    };
    expect((await domainError(auth(150).codeToSession(oper, 'c'))).code).to.equal(70012);
  });

  it('answers 70012 when WeChat cannot be reached', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    const error = await domainError(auth(2000, closed.url).codeToSession(oper, 'c'));
    expect(error.code).to.equal(70012);
    expect(log.entries().at(-1)).to.include({ reason: 'network', code: 'ECONNREFUSED' });
  });

  it('never puts the secret or the session key in a log line or an error', async () => {
    const errors: unknown[] = [];
    const replies: Reply[] = [
      answer({ openid: 'o-user-1', session_key: SESSION_KEY }),
      answer({ session_key: SESSION_KEY }),
      answer({ errcode: 40029, errmsg: 'invalid code' }),
      answer({ errcode: 40125, errmsg: 'invalid appsecret' }),
      (response) => sendJson(response, { session_key: SESSION_KEY }, 500),
    ];
    for (const r of replies) {
      reply = r;
      errors.push(await auth().codeToSession(oper, 'c').catch((error: unknown) => error));
    }
    errors.push(await auth(2000, 'http://127.0.0.1:1').codeToSession(oper, 'c').catch((error: unknown) => error));
    const logged = log.text();
    expect(log.entries()).to.have.length(replies.length + 1);
    expect(logged).to.include(APPID);
    for (const text of [logged, ...errors.map((e) => (e instanceof Error ? `${e.message} ${e.stack}` : JSON.stringify(e)))]) {
      expect(text).not.to.include(APP_SECRET);
      expect(text).not.to.include(SESSION_KEY);
    }
  });

  it('refuses a malformed base URL when built', () => {
    expect(() => new HttpWechatAuth({ baseUrl: 'api.weixin.qq.com', timeoutMs: 1000, secrets, logger: log.logger })).to.throw();
  });
});
