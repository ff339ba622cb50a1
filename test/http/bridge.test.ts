import { expect } from 'chai';
import { FakeClock } from '../support/fake-clock.js';
import { APP1, APP2 } from '../support/http-client.js';
import { codeCount, mintBridge, newestCode, openPage, sceneFor } from '../support/bridge-steps.js';
import { Shopper, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

for (const database of testDatabases()) {
  describe(`paying in another oper’s mini program through the H5 bridge [${database.name}]`, () => {
    const clock = new FakeClock(new Date());
    let server: TestServer;
    let demo: Shopper;
    let demoUserId: number;

    const foreignOrder = async () => {
      const answer = await demo.buy('四人火锅套餐');
      expect(answer.body.data).to.deep.equal({ order_no: answer.body.data!['order_no'], isOperSelf: 0 });
      return answer.body.data!['order_no'] as string;
    };
    const sceneLogin = (shopper: Shopper, sceneId: string) => shopper.post('/loginWithSceneId', { sceneId });
    const pageUrl = (query: Record<string, string | number>) =>
      `${server.url}/miniprogram_bridge/pay?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`;

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0' }, { clock }, database);
      demo = await Shopper.login(server, APP1, 'user');
      demoUserId = (await server.api.wxLogin(APP1, 'user')).answer.body.data!['userInfo'].id;
    });
    after(async () => server?.close());

    it('mints a ticket address without the token, opens the page, logs in with the scene in app 2, pays there', async () => {
      const orderNo = await foreignOrder();
      const minted = await mintBridge(demo, orderNo);
      expect(minted.expires_at).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const url = new URL(minted.url);
      expect(`${url.origin}${url.pathname}`).to.equal(`${server.url}/miniprogram_bridge/pay`);
      expect(Object.fromEntries(url.searchParams)).to.deep.include({
        targetOperId: '2', orderNo, userId: String(demoUserId), page: 'pages/severs/index/index',
      });
      expect(url.searchParams.get('ticket')).to.match(/^[A-Za-z0-9_-]{22,}$/);
      expect(minted.url).to.not.contain(demo.token);
      expect([...url.searchParams.keys()].sort()).to.deep.equal(['orderNo', 'page', 'targetOperId', 'ticket', 'userId']);

      const page = await openPage(minted.url);
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.match(/^text\/html/);
      expect(page.headers.get('cache-control')).to.equal('no-store');
      expect(page.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(page.html).to.contain('成都运营中心').and.to.contain(orderNo).and.to.match(/src="data:image\/png;base64,[A-Za-z0-9+/=]{100,}"/);
      expect(page.html).to.not.match(/(src|href)="https?:/).and.not.contain(url.searchParams.get('ticket')!);

      const code = await newestCode(server);
      expect(code).to.deep.include({ appid: APP2, page: 'pages/severs/index/index' });
      expect(code.scene).to.match(/^[0-9A-Za-z]{1,32}$/);
      const inApp2 = await Shopper.login(server, APP2, 'demo-in-app2', '13500009999');
      const login = await sceneLogin(inApp2, code.scene);
      expect(login.body).to.deep.equal({
        code: 0, message: '请求成功',
        data: { userInfo: { id: login.body.data!['userInfo'].id, name: '135****9999', mobile: '13500009999' }, payload: { user_id: demoUserId, order_no: orderNo } },
      });
      const pay = await inApp2.post('/order/pay', { order_no: orderNo });
      expect(pay.body.code, JSON.stringify(pay.body)).to.equal(0);
      expect(pay.body.data!['sdk_config'].appId).to.equal(APP2);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
      expect((await sceneLogin(inApp2, code.scene)).body).to.deep.equal({ code: 60001, message: '场景值无效、已使用或已过期' });
    });

    it('shows a fresh code on each reload while the ticket lives, and the asked page', async () => {
      const orderNo = await foreignOrder();
      const { url } = await mintBridge(demo, orderNo, 'pages/order/pay');
      expect((await openPage(url)).status).to.equal(200);
      const first = await newestCode(server);
      expect((await openPage(url)).status).to.equal(200);
      const second = await newestCode(server);
      expect(second.page).to.equal('pages/order/pay');
      expect(second.scene).to.not.equal(first.scene);
      clock.advance(10 * 60_000);
      const expired = await openPage(url);
      expect(expired.status).to.equal(401);
      expect(expired.html).to.contain('无法打开支付页面').and.to.contain('重新发起支付');
    });

    it('lets one of ten parallel scene logins through', async () => {
      const scene = await sceneFor(server, demo, await foreignOrder());
      const inApp2 = await Shopper.login(server, APP2, 'parallel-in-app2', '13500008888');
      const answers = await Promise.all(Array.from({ length: 10 }, () => sceneLogin(inApp2, scene)));
      expect(answers.filter((a) => a.body.code === 0)).to.have.length(1);
      expect(answers.filter((a) => a.body.code === 60001)).to.have.length(9);
    });

    it('refuses a scene in another oper’s mini program, an unknown one, and one past 30 minutes', async () => {
      const scene = await sceneFor(server, demo, await foreignOrder());
      expect((await sceneLogin(demo, scene)).body.code).to.equal(60001);
      expect((await sceneLogin(demo, '12345678901234567890123456789012')).body.code).to.equal(60001);
      expect((await sceneLogin(demo, 'not valid!')).body.code).to.equal(60001);
      expect((await sceneLogin(demo, '')).body.code).to.equal(10001);
      clock.advance(31 * 60_000);
      const inApp2 = await Shopper.login(server, APP2, 'late-in-app2', '13500007777');
      expect((await sceneLogin(inApp2, scene)).body.code).to.equal(60001);
    });

    it('/order/bridge: only for the caller’s own unpaid order of another oper', async () => {
      const orderNo = await foreignOrder();
      const other = await Shopper.login(server, APP1, 'someone-else', '13500006666');
      expect((await other.post('/order/bridge', { order_no: orderNo })).body.code).to.equal(50001);
      expect((await demo.post('/order/bridge', { order_no: '99999999999999' })).body.code).to.equal(50001);
      const own = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      expect((await demo.post('/order/bridge', { order_no: own })).body.code).to.equal(50002);
      expect((await demo.post('/order/bridge', { order_no: orderNo, page: '../evil' })).body.code).to.equal(10001);
      expect((await demo.post('/order/bridge', {})).body.code).to.equal(10001);
      const unbound = await server.api.wxLogin(APP1, 'nobody-bound');
      expect((await server.api.post('/api/user/order/bridge', { token: unbound.token, order_no: orderNo }, { 'X-Appid': APP1 })).body.code).to.equal(10003);
    });

    it('mints no login for someone else, accepts no token, and explains refusals in a readable page', async () => {
      const orderNo = await foreignOrder();
      const { url } = await mintBridge(demo, orderNo);
      const ticket = new URL(url).searchParams.get('ticket')!;
      const other = await Shopper.login(server, APP1, 'someone-else-2', '13500005555');
      const otherId = (await server.api.wxLogin(APP1, 'someone-else-2')).answer.body.data!['userInfo'].id;
      const before = await codeCount(server);
      const cases: Array<[Record<string, string | number>, number]> = [
        [{ targetOperId: 2, orderNo, userId: demoUserId, token: demo.token }, 400],
        [{ targetOperId: 2, orderNo, userId: demoUserId, ticket, token: demo.token }, 400],
        [{ targetOperId: 2, orderNo, userId: demoUserId, ticket: other.token }, 401],
        [{ targetOperId: 2, orderNo, userId: demoUserId, ticket: demo.token }, 401],
        [{ targetOperId: 2, orderNo, userId: otherId, ticket }, 401],
        [{ targetOperId: 1, orderNo, userId: demoUserId, ticket }, 401],
        [{ targetOperId: 2, orderNo, userId: demoUserId }, 400],
        [{ targetOperId: 2, orderNo, userId: demoUserId, ticket: 'forged-forged-forged-forged' }, 401],
        [{ targetOperId: 'two', orderNo, userId: demoUserId, ticket }, 400],
        [{ targetOperId: 2, orderNo: '<script>', userId: demoUserId, ticket }, 400],
        [{ targetOperId: 2, orderNo, userId: demoUserId, ticket, page: '../../evil' }, 400],
      ];
      for (const [query, status] of cases) {
        const page = await openPage(pageUrl(query));
        expect(page.status, JSON.stringify(query)).to.equal(status);
        expect(page.html).to.contain('无法打开支付页面').and.to.not.contain('<script>');
      }
      expect(await codeCount(server)).to.equal(before);
    });

    it('no API route accepts a ticket as a token', async () => {
      const orderNo = await foreignOrder();
      const ticket = new URL((await mintBridge(demo, orderNo)).url).searchParams.get('ticket')!;
      const headers = { Referer: `https://servicewechat.com/${APP2}/0/page-frame.html` };
      for (const [method, path, params] of [
        ['GET', '/order/detail', { order_no: orderNo }],
        ['POST', '/order/pay', { order_no: orderNo }],
        ['GET', '/orders', {}],
        ['POST', '/loginWithSceneId', { sceneId: '1' }],
      ] as const) {
        const answer = method === 'GET'
          ? await server.api.get(`/api/user${path}`, { ...params, token: ticket }, headers)
          : await server.api.post(`/api/user${path}`, { ...params, token: ticket }, headers);
        expect(answer.body.code, path).to.equal(10007);
        const bearer = await server.api.get('/api/user/orders', {}, { ...headers, Authorization: `Bearer ${ticket}` });
        expect(bearer.body.code).to.equal(10007);
      }
    });

    it('refuses a bridge for an order already paid, and a ticket whose order was paid since', async () => {
      const orderNo = await foreignOrder();
      const { url } = await mintBridge(demo, orderNo);
      expect((await openPage(url)).status).to.equal(200);
      const payer = await Shopper.login(server, APP2, 'payer-in-app2', '13500004444');
      expect((await sceneLogin(payer, (await newestCode(server)).scene)).body.code).to.equal(0);
      expect((await payer.post('/order/pay', { order_no: orderNo })).body.code).to.equal(0);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
      expect((await demo.post('/order/bridge', { order_no: orderNo })).body.code).to.equal(50002);
      expect((await openPage(url)).status).to.equal(409);
    });
  });
}
