import { expect } from 'chai';
import { Sha256SecretHasher } from '../../adapters/crypto/sha256-secret-hasher.js';
import { APP1, APP2, type ApiAnswer, fromMiniProgram } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import { CrashWorld, until } from './crash-world.js';
import { violatedInvariants } from './invariants.js';

/** Oper 2's goods: bought in mini program 1, it is paid in mini program 2 through the bridge. */
const OPER2_GOODS = '四人火锅套餐';

// The scene login killed at its named points. What is right: the scene's use and the grant are
// one transaction, so after any crash either both are there or neither is. Killed before the
// commit: the scene is unused and scanning it again works, once. Killed after the commit (the
// answer lost): the scene is used (a second scan is 60001, as for anyone: a scene works once) and
// the grant stands, so the scanning session reads and pays the order; the lost answer is recovered
// by the bridge page, which shows a fresh code each time it is opened while its ticket lives.
for (const database of testDatabases()) {
  describe(`scene login killed at its named points [${database.name}, real process]`, function () {
    this.timeout(120_000);
    let world: CrashWorld;
    let owner = '';
    let payer = '';
    let orderNo = '';
    let bridgeUrl = '';

    const unanswered = (request: Promise<unknown>) => request.then((answer) => `answered ${JSON.stringify(answer)}`, () => 'no answer');
    const asPayer = {
      sceneLogin: (sceneId: string) => world.api.post('/api/user/loginWithSceneId', { token: payer, sceneId }, fromMiniProgram(APP2)),
      detail: () => world.api.get('/api/user/order/detail', { token: payer, order_no: orderNo }, fromMiniProgram(APP2)),
    };
    /** Opens the bridge page (a fresh scene and code each time) and returns the scene of the code the sandbox made. */
    const openBridge = async () => {
      const page = await fetch(bridgeUrl);
      await page.text();
      expect(page.status).to.equal(200);
      return newestScene();
    };
    const newestScene = async () => ((await (await fetch(`${world.sandbox.url}/wechat-sandbox/wxacodes`)).json()) as Array<{ scene: string }>)[0]!.scene;
    const sceneRow = (sceneId: string) => world.db('scenes').where({ scene_id: sceneId }).first('used_at');
    const grantsOfPayer = async () => Number((await world.db('order_grants').where({ token_hash: new Sha256SecretHasher().hash(payer) }).count({ n: '*' }))[0]!.n);
    const code = (answer: ApiAnswer) => answer.body.code;

    before(async () => {
      world = await CrashWorld.open(database);
      await world.start();
      owner = (await world.api.wxLogin(APP1, 'user')).token;
      payer = (await world.api.wxLogin(APP2, 'a-fresh-payer-in-app2')).token;
      const goodsId = Number((await world.db('goods').where({ name: OPER2_GOODS }).first('id')).id);
      const bought = await world.api.post('/api/user/order/buy', { token: owner, goods_id: goodsId, number: 1 }, fromMiniProgram(APP1));
      orderNo = String(bought.body.data!['order_no']);
      const bridge = await world.api.post('/api/user/order/bridge', { token: owner, order_no: orderNo }, fromMiniProgram(APP1));
      expect(bridge.body.code, JSON.stringify(bridge.body)).to.equal(0);
      bridgeUrl = String(bridge.body.data!['url']);
    });
    after(async () => world?.close());
    afterEach(function () {
      if (this.currentTest?.state === 'failed') console.log(world.transcript());
    });

    it('killed after the mini-program code was made (the page unanswered): that scene is never used, the page opened again gives a fresh one', async () => {
      await world.start('mini-program-codes.unlimited');
      expect(await unanswered(fetch(bridgeUrl))).to.equal('no answer');
      await world.crashed();
      await world.start();
      const lost = await newestScene();
      expect(await sceneRow(lost)).to.deep.equal({ used_at: null });
      const fresh = await openBridge();
      expect(fresh).to.not.equal(lost);
      expect(await sceneRow(fresh)).to.deep.equal({ used_at: null });
    });

    it('killed before the commit: neither the scene used nor the grant given; scanning again works, once', async () => {
      const scene = await openBridge();
      await world.start('unit-of-work.before-commit');
      expect(await unanswered(asPayer.sceneLogin(scene))).to.equal('no answer');
      await world.crashed();

      await world.start();
      expect(await sceneRow(scene)).to.deep.equal({ used_at: null });
      expect(await grantsOfPayer()).to.equal(0);
      // An openId bound to no user, without a grant: 10003 (needs a login), as before the scan.
      expect(code(await asPayer.detail())).to.equal(10003);
      const login = await asPayer.sceneLogin(scene);
      expect(login.body.data, JSON.stringify(login.body)).to.deep.include({ payload: { user_id: login.body.data!['payload'].user_id, order_no: orderNo } });
      expect(await grantsOfPayer()).to.equal(1);
      expect(code(await asPayer.detail())).to.equal(0);
      expect(code(await asPayer.sceneLogin(scene))).to.equal(60001);
      expect(await grantsOfPayer()).to.equal(1);
    });

    it('killed after the commit (the answer lost): the scene used and the grant there; a second scan is 60001, a fresh code from the page works', async () => {
      payer = (await world.api.wxLogin(APP2, 'another-fresh-payer-in-app2')).token;
      const scene = await openBridge();
      await world.start('unit-of-work.after-commit');
      expect(await unanswered(asPayer.sceneLogin(scene))).to.equal('no answer');
      await world.crashed();

      await world.start();
      expect((await sceneRow(scene)).used_at).to.not.equal(null);
      expect(await grantsOfPayer()).to.equal(1);
      expect((await asPayer.detail()).body.data).to.deep.include({ order_no: orderNo, status: 1 });
      expect(code(await asPayer.sceneLogin(scene))).to.equal(60001);
      const fresh = await openBridge();
      expect(code(await asPayer.sceneLogin(fresh))).to.equal(0);
      expect(await grantsOfPayer()).to.equal(1); // one grant per session and order, renewed

      // The grant is what it is for: the payer pays the order in mini program 2, the codes land on the owner's order.
      const pay = await world.api.post('/api/user/order/pay', { token: payer, order_no: orderNo }, fromMiniProgram(APP2));
      expect(pay.body.code, JSON.stringify(pay.body)).to.equal(0);
      expect(await world.wechatPays(orderNo)).to.equal(200);
      await until(() => world.db('orders').where({ order_no: orderNo }).first('status'), (o) => o.status === 4);
      expect((await world.api.get('/api/user/order/detail', { token: owner, order_no: orderNo }, fromMiniProgram(APP1))).body.data!['items']).to.have.length(1);
      expect(await violatedInvariants(world.db, new Map())).to.deep.equal([]);
    });
  });
}
