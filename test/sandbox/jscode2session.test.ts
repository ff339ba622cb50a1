import { expect } from 'chai';
import { sandboxOpenId } from '../../apps/wechat-sandbox/demo-apps.js';
import { APP_1, APP_2, loginParams, startTestSandbox, type TestSandbox } from './sandbox-harness.js';

interface WechatAnswer {
  openid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

describe('wechat sandbox GET /wechat-sandbox/sns/jscode2session', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  async function answer(params: Record<string, string | undefined>): Promise<WechatAnswer> {
    const response = await sandbox.code2Session(params);
    expect(response.status).to.equal(200);
    return JSON.parse(await response.text()) as WechatAnswer;
  }

  async function expectError(params: Record<string, string | undefined>, errcode: number, errmsg: string): Promise<void> {
    const body = await answer(params);
    expect(Object.keys(body).sort()).to.deep.equal(['errcode', 'errmsg']);
    expect(body.errcode).to.equal(errcode);
    expect(body.errmsg).to.match(new RegExp(`^${errmsg}, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`));
  }

  describe('a valid call', () => {
    it('answers HTTP 200 with exactly session_key and openid, as a text/plain JSON body like WeChat', async () => {
      const response = await sandbox.code2Session(loginParams(APP_1, 'user'));
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/plain/);
      const body = JSON.parse(await response.text()) as WechatAnswer;
      expect(Object.keys(body)).to.deep.equal(['session_key', 'openid']);
      expect(body.openid).to.equal(sandboxOpenId(APP_1.appid, 'user'));
    });

    it('gives a session_key that is base64 of 16 random bytes, new on each call', async () => {
      const first = await answer(loginParams(APP_1, 'user'));
      const second = await answer(loginParams(APP_1, 'user'));
      for (const key of [first.session_key!, second.session_key!]) {
        expect(key).to.match(/^[A-Za-z0-9+/]{22}==$/);
        expect(Buffer.from(key, 'base64')).to.have.length(16);
      }
      expect(first.session_key).to.not.equal(second.session_key);
    });

    it('gives the same openid each time the same code is used, so tests can log in repeatedly', async () => {
      const openids = new Set<string | undefined>();
      for (let i = 0; i < 3; i++) openids.add((await answer(loginParams(APP_1, 'user'))).openid);
      expect([...openids]).to.deep.equal([sandboxOpenId(APP_1.appid, 'user')]);
    });

    it('gives a different openid for the same code in another mini program', async () => {
      const inApp1 = await answer(loginParams(APP_1, 'user'));
      const inApp2 = await answer(loginParams(APP_2, 'user'));
      expect(inApp2.openid).to.equal(sandboxOpenId(APP_2.appid, 'user'));
      expect(inApp2.openid).to.not.equal(inApp1.openid);
    });

    it('accepts codes of 1 and of 128 characters of letters, digits, _ and -', async () => {
      for (const code of ['a', `${'A-z_9'.repeat(25)}abc`]) {
        expect(code.length === 1 || code.length === 128).to.equal(true);
        expect((await answer(loginParams(APP_1, code))).openid).to.equal(sandboxOpenId(APP_1.appid, code));
      }
    });

    it('reads the first value of a repeated parameter', async () => {
      const url = `/sns/jscode2session?appid=${APP_1.appid}&secret=${APP_1.secret}&grant_type=authorization_code&js_code=first&js_code=second`;
      const repeated = JSON.parse(await (await sandbox.get(url)).text()) as WechatAnswer;
      expect(repeated.openid).to.equal(sandboxOpenId(APP_1.appid, 'first'));
    });
  });

  describe('the mini program’s credentials', () => {
    it('answers 41002 appid missing without an appid', async () => {
      await expectError({ ...loginParams(APP_1, 'user'), appid: undefined }, 41002, 'appid missing');
      await expectError({ ...loginParams(APP_1, 'user'), appid: '' }, 41002, 'appid missing');
    });

    it('answers 40013 invalid appid for an unknown appid', async () => {
      await expectError({ ...loginParams(APP_1, 'user'), appid: 'wx0000000000000003' }, 40013, 'invalid appid');
    });

    it('answers 41004 appsecret missing without a secret', async () => {
      await expectError({ ...loginParams(APP_1, 'user'), secret: undefined }, 41004, 'appsecret missing');
    });

    it('answers 40125 invalid appsecret for a wrong secret, including another app’s', async () => {
      await expectError({ ...loginParams(APP_1, 'user'), secret: 'f'.repeat(32) }, 40125, 'invalid appsecret');
      await expectError({ ...loginParams(APP_1, 'user'), secret: APP_2.secret }, 40125, 'invalid appsecret');
    });
  });

  describe('grant_type and js_code', () => {
    it('answers 40002 invalid grant_type when grant_type is missing or not authorization_code', async () => {
      await expectError({ ...loginParams(APP_1, 'user'), grant_type: undefined }, 40002, 'invalid grant_type');
      await expectError({ ...loginParams(APP_1, 'user'), grant_type: 'client_credential' }, 40002, 'invalid grant_type');
    });

    it('answers 41008 missing code when js_code is missing or empty', async () => {
      await expectError({ ...loginParams(APP_1, 'user'), js_code: undefined }, 41008, 'missing code');
      await expectError(loginParams(APP_1, ''), 41008, 'missing code');
    });

    it('answers 40029 invalid code for a code over 128 characters or with other characters', async () => {
      for (const code of ['a'.repeat(129), 'us er', 'user!', 'user.1', '用户', 'a/b']) {
        await expectError(loginParams(APP_1, code), 40029, 'invalid code');
      }
    });

    it('answers 40163 code been used for the code "used"', async () => {
      await expectError(loginParams(APP_1, 'used'), 40163, 'code been used');
    });

    it('answers 40226 code blocked (a high-risk user) for the code "risky"', async () => {
      await expectError(loginParams(APP_1, 'risky'), 40226, 'code blocked');
    });

    it('checks the credentials before the code', async () => {
      await expectError({ ...loginParams(APP_1, 'bad code!'), secret: 'wrong' }, 40125, 'invalid appsecret');
    });
  });
});
