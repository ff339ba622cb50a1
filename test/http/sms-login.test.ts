import { expect } from 'chai';
import { FakeClock } from '../support/fake-clock.js';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const count = async (server: TestServer, table: string) => Number((await server.db(table).count({ n: '*' }))[0]!['n']);

for (const database of testDatabases()) {
  describe(`POST /sms/verify_code [${database.name}]`, () => {
    const clock = new FakeClock();
    let server: TestServer;
    let token: string;
    const send = (mobile: unknown, headers: Record<string, string> = {}) =>
      server.api.post('/api/user/sms/verify_code', { mobile, token }, { ...fromMiniProgram(APP1), ...headers });

    before(async () => {
      server = await startTestServer({ SMS_HOURLY_PER_IP: '1000', SMS_HOURLY_PER_TOKEN: '1000' }, { clock }, database);
      ({ token } = await server.api.wxLogin(APP1, 'sms-sender'));
    });
    after(async () => server?.close());

    it('sends a 6-digit code, shown in data outside production', async () => {
      const answer = await send('13700000001');
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data?.['verify_code']).to.match(/^\d{6}$/);
    });

    it('refuses a bad mobile with 10001 naming it, and writes nothing', async () => {
      const before = await count(server, 'sms_codes');
      for (const mobile of [undefined, '', '12800138000', '1380013800', '138001380000', 13800138000, ['13800138000'], "13800138000' OR 1=1 --", '１３８００１３８０００', '13800138000\n']) {
        const answer = await send(mobile);
        expect(answer.body.code, String(mobile)).to.equal(10001);
        expect(answer.body.message).to.contain('mobile');
      }
      expect(await count(server, 'sms_codes')).to.equal(before);
    });

    it('holds a 60 second cooldown per mobile', async () => {
      expect((await send('13700000002')).body.code).to.equal(0);
      clock.advance(59_000);
      expect((await send('13700000002')).body.code).to.equal(20003);
      clock.advance(1000);
      expect((await send('13700000002')).body.code).to.equal(0);
    });

    it('sends one code when twenty requests for one mobile arrive at once', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => send('13700000003')));
      const codes = answers.map((a) => a.body.code).sort();
      expect(codes.filter((c) => c === 0)).to.have.length(1);
      expect(codes.filter((c) => c === 20003)).to.have.length(19);
      expect(await server.db('sms_codes').where({ mobile: '13700000003' }).count({ n: '*' })).to.deep.equal([{ n: 1 }]);
    });

    it('caps a mobile at 10 codes a day (Asia/Shanghai day)', async () => {
      for (let i = 0; i < 10; i += 1) {
        expect((await send('13700000004')).body.code, `send ${i + 1}`).to.equal(0);
        clock.advance(61_000);
      }
      const capped = await send('13700000004');
      expect(capped.body.code).to.equal(20003);
      clock.advance(24 * 3600_000);
      expect((await send('13700000004')).body.code).to.equal(0);
    });
  });
}

for (const database of testDatabases()) {
  describe(`POST /sms/verify_code per-IP cap [${database.name}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ SMS_HOURLY_PER_IP: '3' }, {}, database);
    });
    after(async () => server?.close());

    it('caps one client address per hour, across mobiles', async () => {
      const { token } = await server.api.wxLogin(APP1, 'ip-cap');
      const codes = [];
      for (const mobile of ['13600000001', '13600000002', '13600000003', '13600000004']) {
        codes.push((await server.api.post('/api/user/sms/verify_code', { mobile, token }, fromMiniProgram(APP1))).body.code);
      }
      expect(codes).to.deep.equal([0, 0, 0, 20003]);
    });
  });
}

for (const database of testDatabases()) {
  describe(`POST /login [${database.name}]`, () => {
    const clock = new FakeClock();
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ SMS_COOLDOWN_SECONDS: '0' }, { clock }, database);
    });
    after(async () => server?.close());

    const codeFor = async (token: string, mobile: string): Promise<string> => {
      const answer = await server.api.post('/api/user/sms/verify_code', { mobile, token }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(0);
      return String(answer.body.data?.['verify_code']);
    };
    const login = (token: string, mobile: unknown, verify_code: unknown) =>
      server.api.post('/api/user/login', { token, mobile, verify_code }, fromMiniProgram(APP1));
    const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    it('creates the user with a masked name, binds the openId, and wxLogin knows them after', async () => {
      const { token } = await server.api.wxLogin(APP1, 'login-new');
      const code = await codeFor(token, '13512345678');
      const answer = await login(token, '13512345678', code);
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data?.['userInfo']).to.deep.include({ name: '135****5678', mobile: '13512345678' });
      const again = await server.api.post('/api/user/wxLogin', { code: 'login-new' }, fromMiniProgram(APP1));
      expect(again.body.data?.['userInfo']['mobile']).to.equal('13512345678');
    });

    it('finds the existing user by mobile', async () => {
      const { token } = await server.api.wxLogin(APP1, 'login-demo');
      const answer = await login(token, '13800138000', await codeFor(token, '13800138000'));
      expect(answer.body.data?.['userInfo']).to.deep.include({ name: '演示用户', mobile: '13800138000' });
    });

    it('uses a code once', async () => {
      const { token } = await server.api.wxLogin(APP1, 'login-once');
      const code = await codeFor(token, '13512340001');
      expect((await login(token, '13512340001', code)).body.code).to.equal(0);
      expect((await login(token, '13512340001', code)).body.code).to.equal(20002);
    });

    it('lets one of ten parallel logins with one code through', async () => {
      const { token } = await server.api.wxLogin(APP1, 'login-parallel');
      const code = await codeFor(token, '13512340002');
      const answers = await Promise.all(Array.from({ length: 10 }, () => login(token, '13512340002', code)));
      expect(answers.filter((a) => a.body.code === 0)).to.have.length(1);
      expect(answers.filter((a) => a.body.code === 20002)).to.have.length(9);
    });

    it('answers 20001 for a wrong code and voids the code after 5 wrong tries', async () => {
      const { token } = await server.api.wxLogin(APP1, 'login-wrong');
      const code = await codeFor(token, '13512340003');
      for (let i = 0; i < 5; i += 1) expect((await login(token, '13512340003', wrong(code))).body).to.deep.equal({ code: 20001, message: '验证码错误' });
      expect((await login(token, '13512340003', code)).body.code).to.equal(20002);
    });

    it('answers 20002 after 5 minutes, or when no code was sent', async () => {
      const { token } = await server.api.wxLogin(APP1, 'login-late');
      const code = await codeFor(token, '13512340004');
      clock.advance(5 * 60_000);
      expect((await login(token, '13512340004', code)).body.code).to.equal(20002);
      expect((await login(token, '13512340099', '123456')).body.code).to.equal(20002);
    });

    it('refuses bad parameters with 10001 and creates nobody', async () => {
      const { token } = await server.api.wxLogin(APP1, 'login-bad');
      const before = await count(server, 'users');
      for (const [mobile, verifyCode] of [
        [undefined, '123456'],
        ['13512340005', undefined],
        ['13512340005', ''],
        ['13512340005', '12345'],
        ['13512340005', 123456],
        ['13512340005', "' OR 1=1"],
        ['abc', '123456'],
      ] as const) {
        const answer = await login(token, mobile, verifyCode);
        expect(answer.body.code, `${String(mobile)} ${String(verifyCode)}`).to.equal(10001);
      }
      expect(await count(server, 'users')).to.equal(before);
    });

    it('answers 10007 without a token', async () => {
      const answer = await server.api.post('/api/user/login', { mobile: '13512340006', verify_code: '123456' }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(10007);
    });
  });
}
