import { expect } from 'chai';
import { bumpCacheVersion } from '../../adapters/knex/knex-cache-versions.js';
import { APP1, APP2, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const count = async (server: TestServer, table: string) => Number((await server.db(table).count({ n: '*' }))[0]!['n']);

for (const database of testDatabases()) {
  describe(`POST /wxLogin [${database.name}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({}, {}, database);
    });
    after(async () => server?.close());

    it('gives the demo user back for code `user` in mini program 1', async () => {
      const answer = await server.api.post('/api/user/wxLogin', { code: 'user' }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(0);
      expect(answer.body.message).to.equal('请求成功');
      expect(answer.body.data?.['token']).to.match(/^[A-Za-z0-9_-]{43,}$/);
      expect(answer.body.data?.['userInfo']).to.deep.include({ name: '演示用户', mobile: '13800138000' });
      expect(answer.body.data?.['userInfo']['id']).to.be.a('number');
    });

    it('issues a token without userInfo for an openId not bound yet', async () => {
      const answer = await server.api.post('/api/user/wxLogin', { code: 'new-person-1' }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data).to.have.keys('token');
    });

    it('knows the demo user only in mini program 1: openIds are per mini program', async () => {
      const answer = await server.api.post('/api/user/wxLogin', { code: 'user' }, fromMiniProgram(APP2));
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data).to.not.have.property('userInfo');
    });

    it('stores only a hash of the token, valid 30 days', async () => {
      const { token } = await server.api.wxLogin(APP1, 'hash-check');
      const rows = await server.db('sessions').select();
      expect(rows.some((row) => Object.values(row).includes(token))).to.equal(false);
      const { createHash } = await import('node:crypto');
      const row = await server.db('sessions').where({ token_hash: createHash('sha256').update(token).digest('hex') }).first();
      expect(row).to.not.equal(undefined);
      expect(Number(row.expires_at) - Number(row.created_at)).to.equal(30 * 24 * 3600_000);
    });

    it('takes the appid from the User-Agent mark, then X-Appid outside production', async () => {
      const ua = await server.api.post('/api/user/wxLogin', { code: 'user' }, {
        'User-Agent': `Mozilla/5.0 (iPhone) MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN miniProgram/${APP1}`,
      });
      expect(ua.body.data?.['userInfo']).to.not.equal(undefined);
      const header = await server.api.post('/api/user/wxLogin', { code: 'user' }, { 'X-Appid': APP1 });
      expect(header.body.code).to.equal(0);
    });

    it('answers 70011 without an appid, or for one no enabled oper owns', async () => {
      for (const headers of [{}, fromMiniProgram('wx00000000000000ff'), { Referer: 'https://example.com/wx0000000000000001/0/page-frame.html' }]) {
        const answer = await server.api.post('/api/user/wxLogin', { code: 'user' }, headers);
        expect(answer.body).to.deep.equal({ code: 70011, message: '微信appid不存在' });
      }
      // An operator's change made outside the app raises the opers cache version (see README).
      await server.db('opers').where({ id: 2 }).update({ status: 2 });
      await bumpCacheVersion(server.db, 'opers');
      try {
        const answer = await server.api.post('/api/user/wxLogin', { code: 'user' }, fromMiniProgram(APP2));
        expect(answer.body.code).to.equal(70011);
      } finally {
        await server.db('opers').where({ id: 2 }).update({ status: 1 });
        await bumpCacheVersion(server.db, 'opers');
      }
    });

    it('refuses bad codes with 10001 and writes nothing', async () => {
      const before = await count(server, 'sessions');
      const cases: unknown[] = [
        {},
        { code: '' },
        { code: 123 },
        { code: ['user'] },
        { code: { $ne: 1 } },
        { code: 'x'.repeat(129) },
        { code: "user' OR '1'='1" },
        { code: '微信登录码' },
        { code: 'used' },
      ];
      for (const body of cases) {
        const answer = await server.api.post('/api/user/wxLogin', body, fromMiniProgram(APP1));
        expect(answer.body.code, JSON.stringify(body)).to.equal(10001);
        expect(answer.body.message).to.contain('code');
      }
      expect(await count(server, 'sessions')).to.equal(before);
    });

    it('answers 70012 when WeChat fails, times out or talks nonsense, and writes nothing', async () => {
      const before = await count(server, 'sessions');
      for (const code of ['fault-500', 'fault-busy', 'fault-garbage']) {
        const answer = await server.api.post('/api/user/wxLogin', { code }, fromMiniProgram(APP1));
        expect(answer.body, code).to.deep.equal({ code: 70012, message: '微信接口调用失败' });
      }
      expect(await count(server, 'sessions')).to.equal(before);
    });
  });
}

for (const database of testDatabases()) {
  describe(`POST /wxLogin when WeChat is slow [${database.name}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ WECHAT_TIMEOUT_MS: '300' }, {}, database);
    });
    after(async () => server?.close());

    it('gives up after the timeout with 70012', async () => {
      const answer = await server.api.post('/api/user/wxLogin', { code: 'fault-timeout' }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(70012);
    });
  });
}
