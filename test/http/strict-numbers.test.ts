import { expect } from 'chai';
import { apiRoutes } from '../../apps/composition/composition-root.js';
import { listRoutes } from '../../apps/http/edge/route-listing.js';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

/** Spellings `Number()` would read as numbers and the contract refuses (API.md, conventions: numbers). */
const NOT_DECIMAL = ['1e3', '1e999', '0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', ' 5', '5 ', '5 0', '\t5', '+5', '.5', '5.', '1_0', '１２', '5e-1'];
const NOT_INTEGER = [...NOT_DECIMAL, '1.0', '2.5'];
const TOO_LONG = '9'.repeat(400);

interface NumericParam {
  readonly method: string;
  readonly path: string;
  readonly name: string;
  readonly kind: 'integer' | 'number';
}

for (const database of testDatabases()) {
  describe(`strict numbers on every route [${database.name}]`, () => {
    let server: TestServer;
    let token = '';
    let params: NumericParam[] = [];

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' }, {}, database);
      token = (await server.api.wxLogin(APP1, 'user')).token;
      // Every numeric parameter of every described route: a new route is covered without new code here.
      params = apiRoutes(server.container)
        .userRoutes.flatMap((router) => listRoutes(router, '/api/user'))
        .flatMap(({ method, path, description }) =>
          Object.entries((description!.params as { properties: Record<string, { type: string }> }).properties)
            .filter(([, schema]) => schema.type === 'integer' || schema.type === 'number')
            .map(([name, schema]) => ({ method, path, name, kind: schema.type as NumericParam['kind'] })),
        );
    });
    after(async () => server?.close());

    /** Sends `value` for `param` every way the route takes it: a query; or JSON and a form. */
    const send = async (param: NumericParam, value: string) => {
      const headers = fromMiniProgram(APP1);
      if (param.method === 'GET') return [await server.api.get(param.path, { token, [param.name]: value }, headers)];
      return [
        await server.api.post(param.path, { token, [param.name]: value }, headers),
        await server.api.postForm(param.path, { token, [param.name]: value }, headers),
      ];
    };

    it('finds numeric parameters on the routes (so the checks below check something)', () => {
      const names = params.map((p) => `${p.method} ${p.path} ${p.name}`);
      expect(names).to.include.members(['GET /api/user/merchants page', 'GET /api/user/merchants lng', 'POST /api/user/order/buy goods_id']);
    });

    it('refuses exponents, hex, Infinity, NaN, signs and blanks with 10001 naming the parameter', async () => {
      for (const param of params) {
        for (const value of param.kind === 'integer' ? NOT_INTEGER : NOT_DECIMAL) {
          for (const answer of await send(param, value)) {
            const what = `${param.method} ${param.path} ${param.name}=${JSON.stringify(value)}`;
            expect(answer.body.code, what).to.equal(10001);
            expect(answer.body.message, what).to.contain(param.name);
          }
        }
      }
    });

    it('refuses numbers too long for a double with 10001, before any SQL', async () => {
      for (const param of params) {
        for (const answer of await send(param, TOO_LONG)) {
          expect(answer.body.code, `${param.path} ${param.name}`).to.equal(10001);
          expect(answer.body.message).to.contain(param.name);
        }
      }
    });

    it('refuses 1e999 as a JSON number (Infinity once parsed) naming the parameter', async () => {
      for (const param of params.filter((p) => p.method === 'POST')) {
        const body = `{"token":${JSON.stringify(token)},"${param.name}":1e999}`;
        const answer = await server.api.postRaw(param.path, body, 'application/json', fromMiniProgram(APP1));
        expect(answer.body.code, `${param.path} ${param.name}`).to.equal(10001);
        expect(answer.body.message).to.contain(param.name);
      }
    });

    it('no longer serves page 1 for page=1e999, nor every merchant for page_size=1e999', async () => {
      const answer = await server.api.get('/api/user/merchants', { token, page: '1e999', page_size: '1e999' }, fromMiniProgram(APP1));
      expect(answer.body.code).to.equal(10001);
      expect(answer.body.message).to.contain('page').and.to.contain('page_size');
    });

    it('still takes decimal digits, negative coordinates and numeric strings in JSON', async () => {
      const headers = fromMiniProgram(APP1);
      const merchants = await server.api.get('/api/user/merchants', { token, page: '01', page_size: '5', lng: '116.397', lat: '39.9' }, headers);
      expect(merchants.body.code, JSON.stringify(merchants.body)).to.equal(0);
      const west = await server.api.get('/api/user/merchants', { token, lng: '-73.98', lat: '-40.75' }, headers);
      expect(west.body.code).to.equal(0);
      const detail = await server.api.get('/api/user/goods/detail', { token, id: '999999' }, headers);
      expect(detail.body.code).to.equal(40002);
    });

    it('reads the notification path id strictly: hex or exponent is no oper (404, WeChat FAIL body)', async () => {
      for (const id of ['0x1', '1e0', '1.0', '+1', '0', '99999999999']) {
        const answer = await fetch(`${server.url}/api/wechat/pay/notify/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        expect(answer.status, id).to.equal(404);
        expect(await answer.json(), id).to.deep.equal({ code: 'FAIL', message: 'oper_id 应为十进制正整数' });
      }
    });

    it('reads the bridge page parameters strictly: a readable 400 page naming the parameter', async () => {
      for (const name of ['targetOperId', 'userId']) {
        const query = new URLSearchParams({ targetOperId: '2', orderNo: '1', userId: '1', [name]: '0x2' });
        const answer = await fetch(`${server.url}/miniprogram_bridge/pay?${query}`);
        expect(answer.status, name).to.equal(400);
        expect(await answer.text(), name).to.contain(name);
      }
    });
  });
}
