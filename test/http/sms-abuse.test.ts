import { expect } from 'chai';
import { HmacVerifyCodeDigest } from '../../adapters/crypto/hmac-verify-code-digest.js';
import { FakeClock } from '../support/fake-clock.js';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const KEY = Buffer.alloc(32, 9);

for (const database of testDatabases()) {
  describe(`SMS abuse: a per-token hourly cap, codes kept as keyed digests [${database.name}]`, () => {
    const clock = new FakeClock();
    let server: TestServer;
    const send = (token: string, mobile: string, ip: string) =>
      server.api.post('/api/user/sms/verify_code', { mobile, token }, { ...fromMiniProgram(APP1), 'X-Forwarded-For': ip });

    before(async () => {
      server = await startTestServer({ TRUST_PROXY: '1', SECRET_KEY: KEY.toString('base64'), ORDER_SWEEP_SECONDS: '0' }, { clock }, database);
    });
    after(async () => server?.close());

    it('a token gets 5 codes an hour by default, whatever the mobiles and addresses; another token is not held up', async () => {
      const { token } = await server.api.wxLogin(APP1, 'sms-spender');
      for (let n = 1; n <= 5; n++) expect((await send(token, `1390000000${n}`, `198.51.100.${n}`)).body.code, `send ${n}`).to.equal(0);
      const sixth = await send(token, '13900000006', '198.51.100.6');
      expect(sixth.body).to.deep.equal({ code: 20003, message: '发送过于频繁，请稍后再试' });
      const other = (await server.api.wxLogin(APP1, 'sms-other')).token;
      expect((await send(other, '13900000006', '198.51.100.6')).body.code).to.equal(0);
      clock.advance(3600_000 + 1);
      expect((await send(token, '13900000007', '198.51.100.7')).body.code).to.equal(0);
    });

    it('stores no code, only its HMAC under a key derived from SECRET_KEY, and /login still checks it', async () => {
      const { token } = await server.api.wxLogin(APP1, 'sms-digest');
      const code = (await send(token, '13900000011', '198.51.100.11')).body.data!['verify_code'] as string;
      const row = await server.db('sms_codes').where({ mobile: '13900000011' }).first();
      expect(row).to.not.have.property('code');
      expect(JSON.stringify(row)).to.not.contain(code);
      expect(row.code_hash).to.equal(new HmacVerifyCodeDigest(KEY).digest('13900000011', code));
      const wrong = code === '000000' ? '000001' : '000000';
      expect((await server.api.post('/api/user/login', { token, mobile: '13900000011', verify_code: wrong }, fromMiniProgram(APP1))).body.code).to.equal(20001);
      const login = await server.api.post('/api/user/login', { token, mobile: '13900000011', verify_code: code }, fromMiniProgram(APP1));
      expect(login.body.data!['userInfo']).to.deep.include({ mobile: '13900000011' });
    });

    it("another token's wrong tries neither void a code nor find it", async () => {
      const victim = (await server.api.wxLogin(APP1, 'sms-victim')).token;
      const attacker = (await server.api.wxLogin(APP1, 'sms-attacker')).token;
      const code = (await send(victim, '13900000013', '198.51.100.13')).body.data!['verify_code'] as string;
      const login = (token: string, verifyCode: string) =>
        server.api.post('/api/user/login', { token, mobile: '13900000013', verify_code: verifyCode }, fromMiniProgram(APP1));
      for (let i = 0; i < 6; i++) expect((await login(attacker, String(100000 + i))).body.code).to.equal(20002);
      expect((await login(attacker, code)).body.code).to.equal(20002);
      expect((await login(victim, code)).body.data!['userInfo']).to.deep.include({ mobile: '13900000013' });
    });

    it('five wrong tries void the code, which then cannot be used', async () => {
      const { token } = await server.api.wxLogin(APP1, 'sms-void');
      const code = (await send(token, '13900000012', '198.51.100.12')).body.data!['verify_code'] as string;
      const wrong = code === '000000' ? '000001' : '000000';
      const tries = [];
      for (let i = 0; i < 5; i++) tries.push((await server.api.post('/api/user/login', { token, mobile: '13900000012', verify_code: wrong }, fromMiniProgram(APP1))).body.code);
      expect(tries).to.deep.equal([20001, 20001, 20001, 20001, 20001]);
      expect((await server.api.post('/api/user/login', { token, mobile: '13900000012', verify_code: code }, fromMiniProgram(APP1))).body.code).to.equal(20002);
    });
  });
}
