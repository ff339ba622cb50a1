import { expect } from 'chai';
import { Sha256SecretHasher } from '../../adapters/crypto/sha256-secret-hasher.js';
import { APP1, APP2, fromMiniProgram } from '../support/http-client.js';
import { sceneFor } from '../support/bridge-steps.js';
import { Shopper, sandboxPays } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

/** Oper 2's goods: bought in mini program 1 it goes through the bridge, in mini program 2 it is paid directly. */
const OPER2_GOODS = '四人火锅套餐';

for (const database of testDatabases()) {
  describe(`scene login gives a grant on one order and never binds [${database.name}]`, () => {
    let server: TestServer;

    before(async () => {
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', SMS_COOLDOWN_SECONDS: '0' }, {}, database);
    });
    after(async () => server?.close());

    const orderNoOf = (answer: { body: { data?: Record<string, any> } }) => answer.body.data!['order_no'] as string;
    const listed = async (shopper: Shopper) => ((await shopper.get('/orders')).body.data!['list'] as Array<{ order_no: string }>).map((o) => o.order_no);
    /** The user the openId of this shopper's token is bound to, as stored. */
    const boundUserOf = async (shopper: Shopper) => {
      const session = await server.db('sessions').where({ token_hash: new Sha256SecretHasher().hash(shopper.token) }).first('appid', 'open_id');
      const identity = await server.db('wechat_identities').where({ appid: session.appid, open_id: session.open_id }).first('user_id');
      return identity?.user_id === null || identity === undefined ? null : Number(identity.user_id);
    };
    /** A token of a fresh, unbound openId in mini program 2. */
    const stranger = async (code: string) => new Shopper(server, APP2, (await server.api.wxLogin(APP2, code)).token);

    it('the attack fails: a victim scanning the attacker’s code stays herself, and her purchases stay hers', async () => {
      const attacker = await Shopper.login(server, APP1, 'attacker-in-app1', '13600000001');
      const victim = await Shopper.login(server, APP2, 'victim-in-app2', '13600000002');
      const victimId = (await server.api.wxLogin(APP2, 'victim-in-app2')).answer.body.data!['userInfo'].id;
      const attackerId = (await server.api.wxLogin(APP1, 'attacker-in-app1')).answer.body.data!['userInfo'].id;
      const bait = orderNoOf(await attacker.buy(OPER2_GOODS));
      const scene = await sceneFor(server, attacker, bait);

      const scanned = await victim.post('/loginWithSceneId', { sceneId: scene });
      expect(scanned.body).to.deep.equal({
        code: 0, message: '请求成功',
        data: { userInfo: { id: victimId, name: '136****0002', mobile: '13600000002' }, payload: { user_id: attackerId, order_no: bait } },
      });
      expect(await boundUserOf(victim)).to.equal(victimId);

      const again = await server.api.wxLogin(APP2, 'victim-in-app2');
      expect(again.answer.body.data!['userInfo']).to.deep.equal({ id: victimId, name: '136****0002', mobile: '13600000002' });
      const own = orderNoOf(await victim.buy(OPER2_GOODS));
      expect((await victim.post('/order/pay', { order_no: own })).body.code).to.equal(0);
      expect((await sandboxPays(server, own)).status).to.equal(200);
      const detail = await victim.detail(own);
      expect(detail).to.deep.include({ status: 4, user_id: victimId });
      expect(detail['items']).to.have.length(1);

      expect(await listed(attacker)).to.deep.equal([bait]);
      expect((await attacker.get('/order/detail', { order_no: own })).body.code).to.equal(50001);
      expect(await listed(victim)).to.deep.equal([own]);
    });

    it('the honest flow: scan with a fresh openId, pay in mini program 2, the codes land on the owner’s order', async () => {
      const owner = await Shopper.login(server, APP1, 'owner-in-app1', '13600000003');
      const ownerId = (await server.api.wxLogin(APP1, 'owner-in-app1')).answer.body.data!['userInfo'].id;
      const orderNo = orderNoOf(await owner.buy(OPER2_GOODS, 2));
      const payer = await stranger('owner-fresh-in-app2');

      const login = await payer.post('/loginWithSceneId', { sceneId: await sceneFor(server, owner, orderNo) });
      expect(login.body).to.deep.equal({ code: 0, message: '请求成功', data: { payload: { user_id: ownerId, order_no: orderNo } } });

      const unpaid = await payer.get('/order/detail', { order_no: orderNo });
      expect(unpaid.body.data).to.deep.include({ order_no: orderNo, status: 1, user_id: ownerId, user_name: '', isOperSelf: 1 });
      const pay = await payer.post('/order/pay', { order_no: orderNo });
      expect(pay.body.code, JSON.stringify(pay.body)).to.equal(0);
      expect(pay.body.data!['sdk_config'].appId).to.equal(APP2);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);

      const seenByOwner = await owner.detail(orderNo);
      expect(seenByOwner['status']).to.equal(4);
      expect(seenByOwner['items']).to.have.length(2);
      for (const item of seenByOwner['items']) expect(item.verify_code).to.match(/^\d{12}$/);
      const seenByPayer = await payer.get('/order/detail', { order_no: orderNo });
      expect(seenByPayer.body.data).to.deep.include({ status: 4, items: [] });
      expect(JSON.stringify(seenByPayer.body)).to.not.contain(seenByOwner['items'][0].verify_code);
      expect((await payer.get('/orders')).body.code).to.equal(10003);
      expect(await boundUserOf(payer)).to.equal(null);
    });

    it('a grant reaches no other order and no other route', async () => {
      const owner = await Shopper.login(server, APP1, 'owner2-in-app1', '13600000004');
      const granted = orderNoOf(await owner.buy(OPER2_GOODS));
      const other = orderNoOf(await owner.buy(OPER2_GOODS));
      const payer = await stranger('stranger-in-app2');
      expect((await payer.post('/loginWithSceneId', { sceneId: await sceneFor(server, owner, granted) })).body.code).to.equal(0);

      expect((await payer.get('/order/detail', { order_no: other })).body.code).to.equal(10003);
      expect((await payer.post('/order/pay', { order_no: other })).body.code).to.equal(10003);
      expect((await payer.post('/order/cancel', { order_no: granted })).body.code).to.equal(10003);
      expect((await payer.post('/order/refund', { order_no: granted })).body.code).to.equal(10003);
      expect((await payer.post('/order/bridge', { order_no: granted })).body.code).to.equal(10003);
      expect((await payer.post('/order/buy', { goods_id: 1, number: 1 })).body.code).to.equal(10003);

      const bound = await Shopper.login(server, APP2, 'bound-in-app2', '13600000005');
      expect((await bound.post('/loginWithSceneId', { sceneId: await sceneFor(server, owner, other) })).body.code).to.equal(0);
      expect((await bound.get('/order/detail', { order_no: other })).body.code).to.equal(0);
      expect((await bound.get('/order/detail', { order_no: granted })).body.code).to.equal(50001);
      expect((await bound.post('/order/pay', { order_no: granted })).body.code).to.equal(50001);
      expect((await bound.post('/order/cancel', { order_no: other })).body.code).to.equal(50001);
      expect(await listed(bound)).to.deep.equal([]);

      // Another token of the same openId holds no grant: it is the token's, not the openId's.
      const sameOpenId = await stranger('stranger-in-app2');
      expect((await sameOpenId.get('/order/detail', { order_no: granted })).body.code).to.equal(10003);
      expect((await payer.get('/order/detail', { order_no: granted })).body.code).to.equal(0);
    });

    it('binding the phone with /login afterwards makes the scanning openId the owner’s account', async () => {
      const owner = await Shopper.login(server, APP1, 'owner3-in-app1', '13600000006');
      const ownerInfo = (await server.api.wxLogin(APP1, 'owner3-in-app1')).answer.body.data!['userInfo'];
      const orderNo = orderNoOf(await owner.buy(OPER2_GOODS));
      const payer = await stranger('owner3-fresh-in-app2');
      expect((await payer.post('/loginWithSceneId', { sceneId: await sceneFor(server, owner, orderNo) })).body.code).to.equal(0);

      const send = await server.api.post('/api/user/sms/verify_code', { token: payer.token, mobile: '13600000006' }, fromMiniProgram(APP2));
      expect(send.body.code).to.equal(0);
      const bind = await payer.post('/login', { mobile: '13600000006', verify_code: send.body.data!['verify_code'] });
      expect(bind.body).to.deep.equal({ code: 0, message: '请求成功', data: { userInfo: ownerInfo } });
      expect(await listed(payer)).to.deep.equal([orderNo]);
      expect(await boundUserOf(payer)).to.equal(ownerInfo.id);
      expect((await server.api.wxLogin(APP2, 'owner3-fresh-in-app2')).answer.body.data!['userInfo']).to.deep.equal(ownerInfo);
    });
  });
}
