import { expect } from 'chai';
import { FakeClock } from '../support/fake-clock.js';
import { APP1, APP2 } from '../support/http-client.js';
import { Shopper, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

interface Page {
  status: number;
  html: string;
  headers: Headers;
}

for (const database of testDatabases()) {
  describe(`paying in another oper’s mini program through the H5 bridge [${database.name}]`, () => {
    const clock = new FakeClock(new Date());
    let server: TestServer;
    let demo: Shopper;
    let demoUserId: number;

    const bridge = async (query: Record<string, string | number>): Promise<Page> => {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      const response = await fetch(`${server.url}/miniprogram_bridge/pay?${qs}`);
      return { status: response.status, html: await response.text(), headers: response.headers };
    };
    const foreignOrder = async () => {
      const answer = await demo.buy('四人火锅套餐');
      expect(answer.body.data).to.deep.equal({ order_no: answer.body.data!['order_no'], isOperSelf: 0 });
      return answer.body.data!['order_no'] as string;
    };
    const newestCode = async () => ((await (await fetch(`${server.url}/wechat-sandbox/wxacodes`)).json()) as any[])[0];
    const sceneLogin = (shopper: Shopper, sceneId: string) => shopper.post('/loginWithSceneId', { sceneId });

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0' }, { clock }, database);
      demo = await Shopper.login(server, APP1, 'user');
      demoUserId = (await server.api.wxLogin(APP1, 'user')).answer.body.data!['userInfo'].id;
    });
    after(async () => server?.close());

    it('buys in app 1, opens the bridge, logs in with the scene in app 2, pays there', async () => {
      const orderNo = await foreignOrder();
      const page = await bridge({ targetOperId: 2, orderNo, userId: demoUserId, token: demo.token });
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.match(/^text\/html/);
      expect(page.headers.get('cache-control')).to.equal('no-store');
      expect(page.html).to.contain('成都运营中心').and.to.contain(orderNo).and.to.match(/src="data:image\/png;base64,[A-Za-z0-9+/=]{100,}"/);
      expect(page.html).to.not.match(/(src|href)="https?:/);

      const code = await newestCode();
      expect(code).to.deep.include({ appid: APP2, page: 'pages/severs/index/index' });
      expect(code.scene).to.match(/^[0-9A-Za-z]{1,32}$/);

      const inApp2 = await Shopper.login(server, APP2, 'demo-in-app2', '13500009999');
      const login = await sceneLogin(inApp2, code.scene);
      expect(login.body.code).to.equal(0);
      expect(login.body.data).to.deep.equal({
        userInfo: { id: demoUserId, name: '演示用户', mobile: '13800138000' },
        payload: { user_id: demoUserId, order_no: orderNo },
      });
      const pay = await inApp2.post('/order/pay', { order_no: orderNo });
      expect(pay.body.code, JSON.stringify(pay.body)).to.equal(0);
      expect(pay.body.data!['sdk_config'].appId).to.equal(APP2);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
      expect((await sceneLogin(inApp2, code.scene)).body).to.deep.equal({ code: 60001, message: '场景值无效、已使用或已过期' });
    });

    it('lets one of ten parallel scene logins through', async () => {
      const orderNo = await foreignOrder();
      expect((await bridge({ targetOperId: 2, orderNo, userId: demoUserId, token: demo.token })).status).to.equal(200);
      const { scene } = await newestCode();
      const inApp2 = await Shopper.login(server, APP2, 'parallel-in-app2', '13500008888');
      const answers = await Promise.all(Array.from({ length: 10 }, () => sceneLogin(inApp2, scene)));
      expect(answers.filter((a) => a.body.code === 0)).to.have.length(1);
      expect(answers.filter((a) => a.body.code === 60001)).to.have.length(9);
    });

    it('refuses a scene in another oper’s mini program, an unknown one, and one past 30 minutes', async () => {
      const orderNo = await foreignOrder();
      await bridge({ targetOperId: 2, orderNo, userId: demoUserId, token: demo.token });
      const { scene } = await newestCode();
      expect((await sceneLogin(demo, scene)).body.code).to.equal(60001);
      expect((await sceneLogin(demo, '12345678901234567890123456789012')).body.code).to.equal(60001);
      expect((await sceneLogin(demo, 'not valid!')).body.code).to.equal(60001);
      expect((await sceneLogin(demo, '')).body.code).to.equal(10001);
      clock.advance(31 * 60_000);
      const inApp2 = await Shopper.login(server, APP2, 'late-in-app2', '13500007777');
      expect((await sceneLogin(inApp2, scene)).body.code).to.equal(60001);
    });

    it('mints no login for someone else, and explains refusals in a readable page', async () => {
      const orderNo = await foreignOrder();
      const other = await Shopper.login(server, APP1, 'someone-else', '13500006666');
      const otherId = (await server.api.wxLogin(APP1, 'someone-else')).answer.body.data!['userInfo'].id;
      const before = (await (await fetch(`${server.url}/wechat-sandbox/wxacodes`)).json()) as unknown[];
      const cases: Array<[Record<string, string | number>, number]> = [
        [{ targetOperId: 2, orderNo, userId: demoUserId, token: other.token }, 401],
        [{ targetOperId: 2, orderNo, userId: otherId, token: other.token }, 404],
        [{ targetOperId: 2, orderNo, userId: demoUserId }, 400],
        [{ targetOperId: 2, orderNo, userId: demoUserId, token: 'forged' }, 401],
        [{ targetOperId: 1, orderNo, userId: demoUserId, token: demo.token }, 403],
        [{ targetOperId: 'two', orderNo, userId: demoUserId, token: demo.token }, 400],
        [{ targetOperId: 2, orderNo: '<script>', userId: demoUserId, token: demo.token }, 400],
        [{ targetOperId: 2, orderNo, userId: demoUserId, token: demo.token, page: '../../evil' }, 400],
      ];
      for (const [query, status] of cases) {
        const page = await bridge(query);
        expect(page.status, JSON.stringify(query)).to.equal(status);
        expect(page.html).to.contain('无法打开支付页面').and.to.not.contain('<script>');
      }
      const after = (await (await fetch(`${server.url}/wechat-sandbox/wxacodes`)).json()) as unknown[];
      expect(after.length).to.equal(before.length);
    });

    it('refuses a bridge for an order already paid', async () => {
      const orderNo = (await demo.buy('双人涮肉套餐')).body.data!['order_no'];
      await sandboxPays(server, orderNo);
      expect((await bridge({ targetOperId: 1, orderNo, userId: demoUserId, token: demo.token })).status).to.equal(409);
    });
  });
}
