import { expect } from 'chai';
import { apiRoutes } from '../../apps/composition/composition-root.js';
import { listRoutes } from '../../apps/http/edge/route-listing.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

describe('route listing', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' });
  });
  after(async () => server?.close());

  it('lists every /api/user route with its access and parameter schema', () => {
    const routes = apiRoutes(server.container).userRoutes.flatMap((router) => listRoutes(router, '/api/user'));
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).to.include.members(['POST /api/user/wxLogin', 'GET /api/user/merchants', 'POST /api/user/order/buy', 'GET /api/user/order/detail']);
    for (const route of routes) {
      expect(route.description, `${route.method} ${route.path}`).to.not.equal(undefined);
      expect(route.description!.params).to.have.property('type', 'object');
    }
    expect(routes.find((r) => r.path === '/api/user/wxLogin')!.description!.access).to.equal('public');
    expect(routes.find((r) => r.path === '/api/user/order/buy')!.description!.access).to.equal('user');
  });

  it('leaves routes that are not API handlers undescribed', () => {
    const [bridge] = apiRoutes(server.container).rootRoutes.flatMap((router) => listRoutes(router));
    expect(bridge).to.deep.include({ method: 'GET', path: '/miniprogram_bridge/pay', description: undefined });
  });
});
