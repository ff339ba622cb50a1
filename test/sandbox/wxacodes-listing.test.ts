import { expect } from 'chai';
import { APP_1, APP_2, TestClock, startTestSandbox, tokenParams, type TestSandbox } from './sandbox-harness.js';

describe('wechat sandbox GET /wechat-sandbox/wxacodes', () => {
  let sandbox: TestSandbox;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock('2026-03-01T08:00:00.000Z');
    sandbox = await startTestSandbox({ now: clock.now });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('starts empty', async () => {
    const response = await sandbox.get('/wxacodes');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    expect(await response.json()).to.deep.equal([]);
  });

  it('lists the codes made newest first, with appid, scene, page, env_version, width and time', async () => {
    const token1 = await sandbox.accessToken(APP_1);
    const token2 = await sandbox.accessToken(APP_2);
    await sandbox.wxacode(token1, { scene: 'first', page: 'pages/severs/index/index' });
    clock.advance(1);
    await sandbox.wxacode(token2, { scene: 'second', env_version: 'trial', width: 280 });
    clock.advance(1);
    await sandbox.wxacode(token1, { scene: 'bad scene' });
    await sandbox.wxacode(token1, { scene: 'third', page: 'pages/order/detail', env_version: 'develop', width: 1280, check_path: false });
    expect(await (await sandbox.get('/wxacodes')).json()).to.deep.equal([
      { appid: APP_1.appid, scene: 'third', page: 'pages/order/detail', env_version: 'develop', width: 1280, created_at: '2026-03-01T08:00:02.000Z' },
      { appid: APP_2.appid, scene: 'second', page: null, env_version: 'trial', width: 280, created_at: '2026-03-01T08:00:01.000Z' },
      { appid: APP_1.appid, scene: 'first', page: 'pages/severs/index/index', env_version: 'release', width: 430, created_at: '2026-03-01T08:00:00.000Z' },
    ]);
  });
});

describe('wechat sandbox calls log of stable-token and wxacode', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ now: new TestClock().now });
  });
  after(async () => {
    await sandbox.close();
  });

  it('records getStableAccessToken calls with appid, force_refresh and outcome, newest first', async () => {
    const token = await sandbox.accessToken(APP_1);
    await sandbox.stableToken(tokenParams(APP_1));
    await sandbox.stableToken({ ...tokenParams(APP_2), secret: 'wrong' });
    const forced = ((await (await sandbox.stableToken(tokenParams(APP_1, true))).json()) as { access_token: string }).access_token;
    const calls = await sandbox.calls('stable-token');
    expect(calls.map((call) => [call.api, call.appid, call['force_refresh']])).to.deep.equal([
      ['stable-token', APP_1.appid, true],
      ['stable-token', APP_2.appid, false],
      ['stable-token', APP_1.appid, false],
      ['stable-token', APP_1.appid, false],
    ]);
    expect(calls[0]!.outcome).to.deep.equal({ result: 'token', token_prefix: forced.slice(0, 8), expires_in: 7200, issued: true });
    expect(calls[1]!.outcome).to.include({ result: 'errcode', errcode: 40125 });
    expect(calls[2]!.outcome).to.deep.equal({ result: 'token', token_prefix: token.slice(0, 8), expires_in: 7200, issued: false });
    expect(calls[3]!.outcome).to.include({ issued: true });
  });

  it('records getwxacodeunlimit calls with appid, token prefix, scene, page and outcome', async () => {
    const token = await sandbox.accessToken(APP_2);
    await sandbox.wxacode(token, { scene: 'ok', page: 'pages/index/index', width: 300 });
    await sandbox.wxacode('forged-token', { scene: 'nope' });
    await sandbox.wxacode(token, { scene: 'a b', page: '/pages/x' });
    const [bad, forged, ok] = await sandbox.calls('wxacode');
    expect(ok).to.deep.include({ api: 'wxacode', appid: APP_2.appid, token_prefix: token.slice(0, 8), scene: 'ok', page: 'pages/index/index' });
    expect(ok!.outcome).to.include({ result: 'image', width: 300 });
    expect(ok!.outcome['bytes']).to.be.above(100);
    expect(forged).to.deep.include({ appid: null, token_prefix: 'forged-t', scene: null, page: null });
    expect(forged!.outcome).to.include({ result: 'errcode', errcode: 40001 });
    expect(bad).to.deep.include({ appid: APP_2.appid, scene: 'a b', page: '/pages/x' });
    expect(bad!.outcome).to.include({ result: 'errcode', errcode: 40129 });
  });

  it('never shows a secret or a whole access token', async () => {
    const wrongSecret = 'wrong-secret-that-must-not-leak-1';
    const tokens = [await sandbox.accessToken(APP_1), await sandbox.accessToken(APP_2)];
    await sandbox.stableToken({ ...tokenParams(APP_1), secret: wrongSecret });
    await sandbox.stableToken({ ...tokenParams(APP_1), appid: 'wx9999999999999999', secret: wrongSecret });
    tokens.push(((await (await sandbox.stableToken(tokenParams(APP_2, true))).json()) as { access_token: string }).access_token);
    for (const token of tokens) await sandbox.wxacode(token, { scene: 'leak-check' });
    const text = await (await sandbox.get('/calls')).text();
    for (const secret of [APP_1.secret, APP_2.secret, wrongSecret, 'sandbox-secret', ...tokens, ...tokens.map((t) => t.slice(0, 12))]) {
      expect(text).to.not.include(secret);
    }
    expect(text).to.not.match(/"(secret|access_token)"/);
  });
});
