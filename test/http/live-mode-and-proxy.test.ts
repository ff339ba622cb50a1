import { expect } from 'chai';
import { type RunningSandbox, startSandboxServer } from '../../apps/wechat-sandbox/sandbox-server.js';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

for (const database of testDatabases()) {
  describe(`WECHAT_MODE=live with APP_ENV unset: no test behaviour [${database.name}]`, () => {
    let sandbox: RunningSandbox;
    let server: TestServer;

    before(async () => {
      // WeChat's side is a sandbox of its own, reached as WeChat would be: the app does not know it.
      sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1' });
      server = await startTestServer(
        { APP_ENV: '', WECHAT_MODE: 'live', WECHAT_API_BASE_URL: `${sandbox.url}/wechat-sandbox`, ORDER_SWEEP_SECONDS: '0' },
        {},
        database,
      );
    });
    after(async () => {
      await server?.close();
      await sandbox?.close();
    });

    it('ignores X-Appid', async () => {
      expect(server.config.appEnv).to.equal('development');
      const answer = await server.api.post('/api/user/wxLogin', { code: 'someone' }, { 'X-Appid': APP1 });
      expect(answer.body.code).to.equal(70011);
    });

    it('sends the code `user` to WeChat like any other', async () => {
      expect((await server.api.post('/api/user/wxLogin', { code: 'user' }, fromMiniProgram(APP1))).body.code).to.equal(0);
      const calls = (await (await fetch(`${sandbox.url}/wechat-sandbox/calls?api=jscode2session`)).json()) as Array<{ code: string }>;
      expect(calls.map((call) => call.code)).to.include('user');
    });

    it('never puts the SMS code in the answer', async () => {
      const { token } = await server.api.wxLogin(APP1, 'live-user');
      const answer = await server.api.post('/api/user/sms/verify_code', { mobile: '13712340000', token }, fromMiniProgram(APP1));
      expect(answer.body).to.deep.equal({ code: 0, message: '请求成功', data: {} });
    });
  });

  describe(`TRUST_PROXY=N: the client address is the N-th entry from the right of X-Forwarded-For [${database.name}]`, () => {
    for (const hops of [1, 2]) {
      describe(`with ${hops} hop(s)`, () => {
        let server: TestServer;
        before(async () => {
          server = await startTestServer({ TRUST_PROXY: String(hops), SMS_HOURLY_PER_IP: '2', SMS_HOURLY_PER_TOKEN: '100', ORDER_SWEEP_SECONDS: '0' }, {}, database);
        });
        after(async () => server?.close());

        it('counts the per-IP SMS cap on that address, whatever the client writes on the left', async () => {
          const { token } = await server.api.wxLogin(APP1, `proxied-${hops}`);
          // What the proxies append: the first the client's address, each further one the previous proxy's.
          const proxies = ['10.0.0.7'].slice(0, hops - 1);
          const send = (n: number) =>
            server.api.post('/api/user/sms/verify_code', { mobile: `1371234000${n}`, token }, {
              ...fromMiniProgram(APP1),
              'X-Forwarded-For': [`203.0.113.${n}`, `198.51.100.${n}`, '192.0.2.1', ...proxies].join(', '),
            });
          expect((await send(1)).body.code).to.equal(0);
          expect((await send(2)).body.code).to.equal(0);
          expect((await send(3)).body.code).to.equal(20003);
          const ips = await server.db('sms_codes').distinct('ip');
          expect(ips).to.deep.equal([{ ip: '192.0.2.1' }]);
        });
      });
    }
  });
}
