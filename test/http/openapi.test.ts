import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { Router } from '@koa/router';
import { expect } from 'chai';
import { apiRoutes } from '../../apps/composition/composition-root.js';
import { listRoutes } from '../../apps/http/edge/route-listing.js';
import { API_PREFIX, openApiDocument } from '../../apps/http/openapi/openapi-document.js';
import { AnswerChecker } from '../support/answer-checker.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

describe('API document (/openapi.json, /docs)', () => {
  let server: TestServer;
  let document: any;
  before(async () => {
    server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' });
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    document = await response.json();
  });
  after(async () => server?.close());

  /** Every route the app serves, as `listRoutes` finds it. */
  function servedRoutes() {
    const modules = apiRoutes(server.container);
    return [
      ...modules.userRoutes.flatMap((router) => listRoutes(router, API_PREFIX)),
      ...[...modules.rawBodyRoutes, ...modules.rootRoutes].flatMap((router) => listRoutes(router)),
    ];
  }

  it('is a valid OpenAPI 3.1 document (checked by @seriousme/openapi-schema-validator)', async () => {
    expect(document.openapi).to.equal('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).to.deep.equal([]);
    expect(result.valid).to.equal(true);
  });

  it('holds schemas that a strict JSON Schema 2020-12 validator compiles (no misspelt or misplaced keyword)', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    addFormatsModule.default(ajv);
    for (const keyword of ['openapi', 'info', 'tags', 'paths', 'components']) ajv.addKeyword(keyword);
    ajv.addSchema(document, 'doc');
    const escape = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
    const pointers = Object.keys(document.components.schemas).map((name) => `/components/schemas/${name}`);
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const at = `/paths/${escape(path)}/${method}`;
        (op.parameters ?? []).forEach((_: unknown, i: number) => pointers.push(`${at}/parameters/${i}/schema`));
        for (const type of Object.keys(op.requestBody?.content ?? {})) pointers.push(`${at}/requestBody/content/${escape(type)}/schema`);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          for (const type of Object.keys(response.content ?? {})) pointers.push(`${at}/responses/${status}/content/${escape(type)}/schema`);
        }
      }
    }
    expect(pointers.length).to.be.greaterThan(100);
    for (const pointer of pointers) {
      expect(() => ajv.compile({ $ref: `doc#${pointer}` }), pointer).to.not.throw();
    }
  });

  it('has every served route: API routes with parameters and answers, the bridge page, the notifications, itself, health and metrics', () => {
    const routes = servedRoutes();
    expect(routes.length).to.be.greaterThan(20);
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(document.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.path} is not in the document`).to.be.an('object');
      if (route.path.startsWith(API_PREFIX)) expect(route.description?.answer, `${route.method} ${route.path} has no answer schema`).to.be.an('object');
    }
    expect(document).to.not.have.property('x-undescribed');
    for (const [path, method] of [
      ['/api/user/wxLogin', 'post'],
      ['/api/user/order/buy', 'post'],
      ['/api/user/merchants', 'get'],
      ['/miniprogram_bridge/pay', 'get'],
      ['/api/wechat/pay/notify/{operId}', 'post'],
      ['/api/wechat/refund/notify/{operId}', 'post'],
      ['/openapi.json', 'get'],
      ['/docs', 'get'],
      ['/healthz', 'get'],
      ['/readyz', 'get'],
      ['/metrics', 'get'],
    ]) {
      expect(document.paths[path!]?.[method!], `${method} ${path}`).to.be.an('object');
    }
  });

  it('lists a served route that nothing describes, so the test above fails on it', () => {
    const stray = new Router().get('/stray', (ctx) => {
      ctx.body = 'stray';
    });
    const generated = openApiDocument([...servedRoutes(), ...listRoutes(stray)]);
    expect(generated['x-undescribed']).to.deep.equal(['GET /stray']);
    expect(generated.paths).to.not.have.property('/stray');
  });

  it('documents parameters from the schemas that validate them', () => {
    const merchants = document.paths['/api/user/merchants'].get;
    const byName = Object.fromEntries(merchants.parameters.map((p: any) => [p.name, p]));
    expect(byName['page_size']).to.deep.include({ in: 'query', required: false });
    expect(byName['page_size'].schema).to.include({ type: 'integer', maximum: 100, default: 15 });
    expect(byName['lng'].description).to.match(/lat/);
    const buy = document.paths['/api/user/order/buy'].post;
    const body = buy.requestBody.content['application/json'].schema;
    expect(body.required).to.include.members(['goods_id', 'number']);
    expect(body.properties.number).to.include({ type: 'integer', minimum: 1, maximum: 99 });
    expect(body.properties).to.have.property('token');
    expect(buy.requestBody.content).to.have.property('application/x-www-form-urlencoded');
    expect(buy.security).to.deep.equal([{ token: [] }, { bearer: [] }]);
    expect(document.paths['/api/user/wxLogin'].post.security).to.deep.equal([]);
    expect(document.paths['/api/user/merchant/detail'].get.parameters.map((p: any) => p.name)).to.include.members(['id', 'lng', 'lat']);
  });

  it('documents answers: the envelope around the route’s shape, or a failure with a known code', () => {
    const checker = new AnswerChecker(document);
    const ok = (body: unknown) => checker.problems({ method: 'POST', path: '/api/user/order/refund', body });
    const refund = { id: 1, order_id: 2, order_no: '2025', amount: '1.00', updated_at: '2025-01-01 10:00:00', created_at: '2025-01-01 10:00:00', refund_id: null, status: 1 };
    expect(ok({ code: 0, message: '请求成功', data: refund })).to.deep.equal([]);
    expect(ok({ code: 50002, message: '订单状态不允许此操作' })).to.deep.equal([]);
    expect(ok({ code: 0, message: '请求成功', data: { ...refund, amount: 1 } })).to.not.deep.equal([]);
    expect(ok({ code: 0, message: '请求成功', data: { ...refund, surprise: true } })).to.not.deep.equal([]);
    expect(ok({ code: 12345, message: '?' })).to.not.deep.equal([]);
    const sdk = document.components.schemas.SdkConfig;
    expect(sdk.required).to.include.members(['timestamp', 'timeStamp', 'paySign', 'package']);
  });

  it('serves /docs with its assets from node_modules, no CDN', async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.not.match(/https?:\/\//);
    expect(page.headers.get('content-security-policy')).to.match(/script-src 'self'/);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js']) {
      expect(html).to.include(`/docs/assets/${asset}`);
      const file = await fetch(`${server.url}/docs/assets/${asset}`);
      expect(file.status, asset).to.equal(200);
      expect((await file.arrayBuffer()).byteLength, asset).to.be.greaterThan(20);
    }
    expect((await fetch(`${server.url}/docs/assets/..%2Fpackage.json`)).status).to.equal(404);
    expect((await fetch(`${server.url}/docs/assets/index.html`)).status).to.equal(404);
  });
});
