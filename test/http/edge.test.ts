import { Router } from '@koa/router';
import { expect } from 'chai';
import { createApiApp } from '../../apps/http/api-app.js';
import { apiHandler } from '../../apps/http/edge/api-handler.js';
import { ParamSchema } from '../../apps/http/edge/validation.js';
import { createLogger } from '../../apps/composition/logger.js';
import { TOKENS } from '../../adapters/tokens.js';
import { APP1, ApiClient, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

for (const database of testDatabases()) {
  describe(`HTTP edge [${database.name}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({}, {}, database);
    });
    after(async () => server?.close());

    it('answers an unknown route under /api/user with 10000 in the envelope', async () => {
      for (const answer of [
        await server.api.get('/api/user/no/such/thing'),
        await server.api.post('/api/user/nothing', {}),
        await server.api.get('/api/user/wxLogin'),
      ]) {
        expect(answer.status).to.equal(200);
        expect(answer.body).to.deep.equal({ code: 10000, message: '接口不存在' });
      }
    });

    it('answers an unknown route outside the API with 10000 and HTTP 404', async () => {
      const answer = await server.api.get('/favicon.ico');
      expect(answer.status).to.equal(404);
      expect(answer.body.code).to.equal(10000);
    });

    it('gives every answer an X-Request-Id', async () => {
      const a = await server.api.get('/api/user/nothing');
      const b = await server.api.get('/api/user/nothing');
      expect(a.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      expect(a.headers.get('x-request-id')).to.not.equal(b.headers.get('x-request-id'));
    });

    it('turns malformed JSON into 10001, not a bare 400', async () => {
      const answer = await server.api.postRaw('/api/user/wxLogin', '{"code": "user"', 'application/json', fromMiniProgram(APP1));
      expect(answer.status).to.equal(200);
      expect(answer.body.code).to.equal(10001);
      expect(answer.body.message).to.contain('body');
    });

    it('turns an oversize body into 10001', async () => {
      const answer = await server.api.post('/api/user/wxLogin', { code: 'x'.repeat(200_000) }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(10001);
      expect(answer.body.message).to.contain('过大');
    });

    it('refuses a JSON body that is not an object with 10001', async () => {
      const answer = await server.api.postRaw('/api/user/wxLogin', '["user"]', 'application/json', fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(10001);
    });

    it('reads form bodies as wx.request sends them', async () => {
      const answer = await server.api.postForm('/api/user/wxLogin', { code: 'user' }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data?.['token']).to.be.a('string');
    });
  });
}

for (const database of testDatabases()) {
  describe(`HTTP edge: faults and the user requirement [${database.name}]`, () => {
    let server: TestServer;
    let edge: { close(): Promise<void>; api: ApiClient };

    before(async () => {
      server = await startTestServer({}, {}, database);
      // A route that needs a bound user and one that fails unexpectedly, on the real edge and container.
      const kit = { authenticate: server.container.get(TOKENS.Authenticate), allowAppidHeader: true };
      const none = new ParamSchema<Record<string, never>>({ type: 'object', properties: {}, required: [] });
      const routes = new Router()
        // A user route is handed a caller whose type has the user: no `!`, no `?.`.
        .get('/probe/user', apiHandler(kit, 'user', none, async ({ caller }) => ({ userId: caller.user.id, name: caller.user.name })))
        .get('/probe/fault', apiHandler(kit, 'public', none, async () => {
          throw new Error('select * from secrets where stack trace leaks');
        }));
      const app = createApiApp({ logger: createLogger('silent'), trustProxy: 0, bodyLimitBytes: 65536, userRoutes: [routes] });
      const { createServer } = await import('node:http');
      const http = createServer(app.callback());
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const { port } = http.address() as { port: number };
      edge = {
        // a bare app of probe routes: it serves no API document to check the answers against
        api: new ApiClient(`http://127.0.0.1:${port}`, { checkAnswers: false }),
        close: () => new Promise((resolve) => http.close(() => resolve())),
      };
    });
    after(async () => {
      await edge?.close();
      await server?.close();
    });

    it('answers an unexpected fault with 500 and a generic message, no stack or SQL', async () => {
      const answer = await edge.api.get('/api/user/probe/fault');
      expect(answer.body).to.deep.equal({ code: 500, message: '服务器内部错误' });
      expect(answer.headers.get('x-request-id')).to.be.a('string');
    });

    it('answers 10003 when the token is valid but no phone is bound yet', async () => {
      const { token } = await server.api.wxLogin(APP1, 'someone-new');
      const answer = await edge.api.get('/api/user/probe/user', { token }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(10003);
    });

    it('lets a bound user through', async () => {
      const { token } = await server.api.wxLogin(APP1, 'user');
      const answer = await edge.api.get('/api/user/probe/user', { token }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(0);
      expect(answer.body.data?.['userId']).to.be.a('number');
      expect(answer.body.data?.['name']).to.equal('演示用户');
    });
  });
}
