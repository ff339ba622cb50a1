import { expect } from 'chai';
import { APP_1, APP_2, TestClock, startTestSandbox, tokenParams, type TestSandbox } from './sandbox-harness.js';

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

const RID = 'rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$';

describe('wechat sandbox POST /wechat-sandbox/cgi-bin/stable_token', () => {
  let sandbox: TestSandbox;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    sandbox = await startTestSandbox({ now: clock.now });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function answer(body: unknown): Promise<TokenAnswer> {
    const response = await sandbox.stableToken(body);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    return (await response.json()) as TokenAnswer;
  }

  async function expectError(body: unknown, errcode: number, errmsg: string): Promise<void> {
    const error = await answer(body);
    expect(Object.keys(error).sort()).to.deep.equal(['errcode', 'errmsg']);
    expect(error.errcode, JSON.stringify(body)).to.equal(errcode);
    expect(error.errmsg).to.match(new RegExp(`^${errmsg}, ${RID}`));
  }

  /** Whether getwxacodeunlimit takes the token now: 0 when it does, else its errcode. */
  async function usable(token: string): Promise<number> {
    const response = await sandbox.wxacode(token, { scene: 'probe' });
    if (response.headers.get('content-type') === 'image/png') return 0;
    return ((await response.json()) as { errcode: number }).errcode;
  }

  describe('normal mode', () => {
    it('issues exactly {access_token, expires_in: 7200}, the token shaped like WeChat’s', async () => {
      const token = await answer(tokenParams(APP_1));
      expect(Object.keys(token)).to.deep.equal(['access_token', 'expires_in']);
      expect(token.expires_in).to.equal(7200);
      expect(token.access_token).to.match(/^\d{2}_[A-Za-z0-9_-]{136}$/);
      expect(await usable(token.access_token!)).to.equal(0);
    });

    it('answers the same token while it is valid, with the seconds it has left', async () => {
      const first = await answer(tokenParams(APP_1));
      clock.advance(100);
      expect(await answer(tokenParams(APP_1, false))).to.deep.equal({ access_token: first.access_token, expires_in: 7100 });
      clock.advance(6_799);
      expect(await answer(tokenParams(APP_1))).to.deep.equal({ access_token: first.access_token, expires_in: 301 });
    });

    it('gives each mini program its own token', async () => {
      const inApp1 = await answer(tokenParams(APP_1));
      const inApp2 = await answer(tokenParams(APP_2));
      expect(inApp2.access_token).to.not.equal(inApp1.access_token);
      expect((await answer(tokenParams(APP_1))).access_token).to.equal(inApp1.access_token);
    });

    it('renews a token with 5 minutes left, the old one staying valid until it expires', async () => {
      const old = await answer(tokenParams(APP_1));
      clock.advance(6_900);
      const renewed = await answer(tokenParams(APP_1));
      expect(renewed.access_token).to.not.equal(old.access_token);
      expect(renewed.expires_in).to.equal(7200);
      expect(await usable(old.access_token!)).to.equal(0);
      expect((await answer(tokenParams(APP_1))).access_token).to.equal(renewed.access_token);
      clock.advance(300);
      expect(await usable(old.access_token!)).to.equal(42001);
      expect(await usable(renewed.access_token!)).to.equal(0);
    });

    it('issues a new token once the old one expired', async () => {
      const old = await answer(tokenParams(APP_1));
      clock.advance(7_200);
      expect(await usable(old.access_token!)).to.equal(42001);
      const renewed = await answer(tokenParams(APP_1));
      expect(renewed).to.include({ expires_in: 7200 });
      expect(renewed.access_token).to.not.equal(old.access_token);
    });
  });

  describe('force_refresh', () => {
    it('issues a new token and invalidates the previous one at once', async () => {
      const old = await answer(tokenParams(APP_1));
      clock.advance(60);
      const forced = await answer(tokenParams(APP_1, true));
      expect(forced.access_token).to.not.equal(old.access_token);
      expect(forced.expires_in).to.equal(7200);
      expect(await usable(old.access_token!)).to.equal(40001);
      expect(await usable(forced.access_token!)).to.equal(0);
      expect((await answer(tokenParams(APP_1))).access_token).to.equal(forced.access_token);
    });

    it('does not refresh again within 30 s of the previous force refresh', async () => {
      const forced = await answer(tokenParams(APP_1, true));
      clock.advance(29);
      expect(await answer(tokenParams(APP_1, true))).to.deep.equal({ access_token: forced.access_token, expires_in: 7171 });
      clock.advance(1);
      const again = await answer(tokenParams(APP_1, true));
      expect(again.access_token).to.not.equal(forced.access_token);
      expect(await usable(forced.access_token!)).to.equal(40001);
    });

    it('leaves the other mini program’s token alone', async () => {
      const inApp2 = await answer(tokenParams(APP_2));
      await answer(tokenParams(APP_1, true));
      expect(await usable(inApp2.access_token!)).to.equal(0);
    });
  });

  describe('errors, as WeChat answers them (HTTP 200, errcode and errmsg)', () => {
    it('answers 40002 invalid grant_type when grant_type is missing or not client_credential', async () => {
      await expectError({ ...tokenParams(APP_1), grant_type: undefined }, 40002, 'invalid grant_type');
      await expectError({ ...tokenParams(APP_1), grant_type: 'authorization_code' }, 40002, 'invalid grant_type');
      await expectError({ errcode: 0, errmsg: 'ok' }, 40002, 'invalid grant_type');
    });

    it('answers 41002 appid missing, and 40013 invalid appid for an unknown one', async () => {
      await expectError({ ...tokenParams(APP_1), appid: undefined }, 41002, 'appid missing');
      await expectError({ ...tokenParams(APP_1), appid: '' }, 41002, 'appid missing');
      await expectError({ ...tokenParams(APP_1), appid: 'wx0000000000000003' }, 40013, 'invalid appid');
    });

    it('answers 41004 appsecret missing, and 40125 invalid appsecret for a wrong one', async () => {
      await expectError({ ...tokenParams(APP_1), secret: undefined }, 41004, 'appsecret missing');
      await expectError({ ...tokenParams(APP_1), secret: 'f'.repeat(32) }, 40125, 'invalid appsecret');
      await expectError({ ...tokenParams(APP_1), secret: APP_2.secret }, 40125, 'invalid appsecret');
    });

    it('answers 47001 data format error for a body that is not a JSON object or a field of the wrong type', async () => {
      for (const body of ['grant_type=client_credential', '[1]', '"x"', '{"appid":', { ...tokenParams(APP_1), force_refresh: 'true' }, { ...tokenParams(APP_1), appid: 1 }]) {
        await expectError(body, 47001, 'data format error');
      }
    });

    it('answers 44002 empty post data without a body, and 43002 require POST method to a GET', async () => {
      await expectError('', 44002, 'empty post data');
      const get = (await (await sandbox.get('/cgi-bin/stable_token')).json()) as TokenAnswer;
      expect(get.errcode).to.equal(43002);
    });

    it('issues no token on an error', async () => {
      await answer({ ...tokenParams(APP_1), secret: 'wrong' });
      const calls = await sandbox.calls('stable-token');
      expect(calls.map((call) => call.outcome.result)).to.deep.equal(['errcode']);
    });
  });
});

describe('wechat sandbox access tokens with a short lifetime (tokenTtlSeconds)', () => {
  let sandbox: TestSandbox;
  let clock: TestClock;
  before(async () => {
    clock = new TestClock();
    sandbox = await startTestSandbox({ tokenTtlSeconds: 60, now: clock.now });
  });
  after(async () => {
    await sandbox.close();
  });

  it('issues tokens of that lifetime, which expire after it (42001)', async () => {
    const token = (await (await sandbox.stableToken(tokenParams(APP_1))).json()) as TokenAnswer;
    expect(token.expires_in).to.equal(60);
    clock.advance(60);
    const refused = (await (await sandbox.wxacode(token.access_token, { scene: 'late' })).json()) as TokenAnswer;
    expect(refused.errcode).to.equal(42001);
    expect(refused.errmsg).to.match(/^access_token expired, rid: /);
    const renewed = (await (await sandbox.stableToken(tokenParams(APP_1))).json()) as TokenAnswer;
    expect(renewed.access_token).to.not.equal(token.access_token);
  });
});
