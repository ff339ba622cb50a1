import { expect } from 'chai';
import { SecretBox } from '../../adapters/crypto/secret-box.js';
import { insertOper } from '../../adapters/knex/knex-oper-writer.js';
import { ConfigError, loadConfig, testBehavioursEnabled } from '../../apps/composition/config.js';
import { DEMO_APPS } from '../../apps/wechat-sandbox/demo-apps.js';
import { type RunningSandbox, startSandboxServer } from '../../apps/wechat-sandbox/sandbox-server.js';
import { OperStatus, type SmsSender } from '../../core/index.js';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const SMS = {
  TENCENT_SMS_SECRET_ID: 'AKIDtest',
  TENCENT_SMS_SECRET_KEY: 'test-secret-key',
  TENCENT_SMS_SDK_APP_ID: '1400000000',
  TENCENT_SMS_SIGN_NAME: '测试签名',
  TENCENT_SMS_TEMPLATE_ID: '100001',
  TENCENT_SMS_NOTIFY_TEMPLATE_ID: '100002',
};

describe('production configuration', () => {
  it('refuses to start without a secret key, SMS credentials, or with a sandbox', () => {
    expect(() => loadConfig({ APP_ENV: 'production', ...SMS })).to.throw(ConfigError, /SECRET_KEY/);
    expect(() => loadConfig({ APP_ENV: 'production', SECRET_KEY: KEY })).to.throw(ConfigError, /SMS/);
    expect(() => loadConfig({ APP_ENV: 'production', SECRET_KEY: KEY, ...SMS, WECHAT_SANDBOX_URL: 'http://127.0.0.1:3100' })).to.throw(
      ConfigError,
      /WECHAT_SANDBOX_URL/,
    );
    expect(() => loadConfig({ APP_ENV: 'staging' })).to.throw(ConfigError, /APP_ENV/);
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, /PORT/);
  });

  it('needs the purchase-notice template with SMS credentials, and a parameter limit that holds a code', () => {
    const { TENCENT_SMS_NOTIFY_TEMPLATE_ID: _notice, ...withoutNotice } = SMS;
    expect(() => loadConfig({ APP_ENV: 'production', SECRET_KEY: KEY, ...withoutNotice })).to.throw(ConfigError, /TENCENT_SMS_NOTIFY_TEMPLATE_ID/);
    expect(loadConfig({ APP_ENV: 'production', SECRET_KEY: KEY, ...SMS, PUBLIC_BASE_URL: 'https://api.example.com' }).sms).to.include({ notifyTemplateId: '100002' });
    expect(() => loadConfig({ TENCENT_SMS_PARAM_MAX_LENGTH: '11' })).to.throw(ConfigError, /TENCENT_SMS_PARAM_MAX_LENGTH/);
    expect(loadConfig({ TENCENT_SMS_PARAM_MAX_LENGTH: '64' }).purchaseNoticePolicy.maxParamLength).to.equal(64);
    expect(loadConfig({}).purchaseNoticePolicy.maxParamLength).to.equal(12);
  });

  it('is live, loads no demo data and keeps test behaviours off', () => {
    const config = loadConfig({ APP_ENV: 'production', SECRET_KEY: KEY, ...SMS, PUBLIC_BASE_URL: 'https://api.example.com' });
    expect(config.wechatMode).to.equal('live');
    expect(config.loadDemoData).to.equal(false);
    expect(testBehavioursEnabled(config)).to.equal(false);
  });
});

for (const database of testDatabases()) {
  describe(`test behaviours are off in production [${database.name}]`, () => {
    let sandbox: RunningSandbox;
    let server: TestServer;
    const sent: Array<{ mobile: string; code: string }> = [];
    const recorder: SmsSender = {
      async sendVerifyCode(mobile, code) {
        sent.push({ mobile, code });
      },
    };

    before(async () => {
      sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1' });
      server = await startTestServer(
        { APP_ENV: 'production', SECRET_KEY: KEY, ...SMS, PUBLIC_BASE_URL: 'https://api.example.com', WECHAT_API_BASE_URL: `${sandbox.url}/wechat-sandbox` },
        { smsSender: recorder },
        database,
      );
      const app = DEMO_APPS[0]!;
      const secrets = SecretBox.fromBase64(KEY);
      await insertOper(server.db, {
        name: '生产运营中心',
        status: OperStatus.Enabled,
        miniProgram: { appid: app.appid, sealedSecret: secrets.seal(app.secret) },
        pay: null,
      });
    });
    after(async () => {
      await server?.close();
      await sandbox?.close();
    });

    it('starts with an empty catalog and no demo user', async () => {
      expect(await server.db('users').count({ n: '*' })).to.deep.equal([{ n: 0 }]);
    });

    it('ignores X-Appid', async () => {
      const answer = await server.api.post('/api/user/wxLogin', { code: 'user' }, { 'X-Appid': APP1 });
      expect(answer.body.code).to.equal(70011);
    });

    it('sends code `user` to WeChat like any other, so no demo user comes back', async () => {
      const answer = await server.api.post('/api/user/wxLogin', { code: 'user' }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data).to.have.keys('token');
    });

    it('does not show the SMS code, which still works for /login', async () => {
      const { token } = await server.api.wxLogin(APP1, 'prod-user');
      const answer = await server.api.post('/api/user/sms/verify_code', { mobile: '13712345678', token }, fromMiniProgram(APP1));
      expect(answer.body).to.deep.equal({ code: 0, message: '请求成功', data: {} });
      expect(sent).to.have.length(1);
      const login = await server.api.post('/api/user/login', { mobile: '13712345678', verify_code: sent[0]!.code, token }, fromMiniProgram(APP1));
      expect(login.body.data?.['userInfo']).to.deep.include({ mobile: '13712345678', name: '137****5678' });
    });
  });
}
