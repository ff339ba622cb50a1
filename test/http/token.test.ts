import { expect } from 'chai';
import { FakeClock } from '../support/fake-clock.js';
import { APP1, APP2, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const MOBILE = { mobile: '13912345678' };

for (const database of testDatabases()) {
  describe(`token resolution [${database.name}]`, () => {
    const clock = new FakeClock();
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ SMS_COOLDOWN_SECONDS: '0', SMS_DAILY_PER_MOBILE: '1000', SMS_HOURLY_PER_IP: '1000' }, { clock }, database);
    });
    after(async () => server?.close());

    it('answers 10007 without a token, or with an unknown one', async () => {
      for (const extra of [{}, { token: '' }, { token: 'not-a-token' }, { token: 'x'.repeat(5000) }]) {
        const answer = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, ...extra }, fromMiniProgram(APP1));
        expect(answer.body, JSON.stringify(extra).slice(0, 40)).to.deep.equal({ code: 10007, message: 'token无效或不存在' });
      }
    });

    it('answers 10001 for a token that is not a string', async () => {
      const answer = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, token: ['a', 'b'] }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(10001);
    });

    it('takes the token from the query, the body or a Bearer header', async () => {
      const { token } = await server.api.wxLogin(APP1, 'token-places');
      const inBody = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, token }, fromMiniProgram(APP1));
      const inQuery = await server.api.post(`/api/user/sms/verify_code?token=${token}`, MOBILE, fromMiniProgram(APP1));
      const inHeader = await server.api.post('/api/user/sms/verify_code', MOBILE, { ...fromMiniProgram(APP1), Authorization: `Bearer ${token}` });
      expect([inBody.body.code, inQuery.body.code, inHeader.body.code]).to.deep.equal([0, 0, 0]);
    });

    it('answers 70010 when the token was issued in another mini program than the Referer says', async () => {
      const { token } = await server.api.wxLogin(APP1, 'cross-app');
      const answer = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, token }, fromMiniProgram(APP2));
      expect(answer.body).to.deep.equal({ code: 70010, message: '微信openId不存在' });
    });

    it('answers 70010 when the openId binding was removed', async () => {
      const { token } = await server.api.wxLogin(APP1, 'removed-identity');
      const { createHash } = await import('node:crypto');
      const session = await server.db('sessions').where({ token_hash: createHash('sha256').update(token).digest('hex') }).first();
      expect(await server.db('wechat_identities').where({ appid: APP1, open_id: session.open_id }).delete()).to.equal(1);
      const answer = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, token }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(70010);
      // wx.login again restores it
      const again = await server.api.wxLogin(APP1, 'removed-identity');
      const retried = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, token: again.token }, fromMiniProgram(APP1));
      expect(retried.body.code).to.equal(0);
    });

    it('answers 10007 once the token is 30 days old', async () => {
      const { token } = await server.api.wxLogin(APP1, 'ageing');
      clock.advance(30 * 24 * 3600_000 - 1000);
      const young = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, token }, fromMiniProgram(APP1));
      expect(young.body.code).to.equal(0);
      clock.advance(1000);
      const old = await server.api.post('/api/user/sms/verify_code', { ...MOBILE, token }, fromMiniProgram(APP1));
      expect(old.body.code).to.equal(10007);
    });
  });
}
