import { expect } from 'chai';
import { type Scene } from '../../../../core/index.js';
import { type BridgeWorld, bridgeWorld, SCENE_IDS } from '../../support/bridge-world.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { orderingUseCases, settled } from '../../support/ordering-steps.js';
import { APP1, DAY, HOUR, MINUTE, SECOND, START } from '../../support/ordering-world.js';

const PAGE = 'pages/order/pay';
const SCENE_TTL = 30 * MINUTE;

describe('LoginWithScene', () => {
  let world: BridgeWorld;
  /** The scene the bridge made for alice's order, for oper 1's mini program, at START. */
  let scene: Scene;

  beforeEach(async () => {
    world = await bridgeWorld();
    scene = await mintScene();
  });

  async function mintScene(): Promise<Scene> {
    const { ticket } = await world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: world.order.orderNo });
    const code = await world.createBridgeScene.execute({ ticket, targetOperId: 1, orderNo: world.order.orderNo, userId: world.alice.id, page: PAGE });
    return code.scene;
  }

  const boundUserOf = async (appid: string, openId: string) => (await world.repositories.wechatIdentities.find(appid, openId))?.userId;
  const usedAtOf = async (sceneId: string) => (await world.repositories.scenes.findBySceneId(sceneId))?.usedAt;
  /** The orders granted to the visitor with this openId's token, now. */
  /** The orders granted to the visitor with this openId's token, now (alice's order or none). */
  const grantsOf = async (openId: string) =>
    (await world.repositories.orderGrants.isGranted(world.hasher.hash(`tok-${openId}`), world.order.orderNo, world.clock.now())) ? [world.order.orderNo] : [];
  const payload = () => ({ user_id: world.alice.id, order_no: world.order.orderNo });

  describe('success', () => {
    it("gives the caller's token a grant on the scene's order alone and binds nothing", async () => {
      world.clock.advance(2 * MINUTE);
      const caller = world.visitor(1, 'openid-1-new');

      expect(await world.loginWithScene.execute({ caller, sceneId: scene.sceneId })).to.deep.equal({ payload: payload() });

      expect(await grantsOf('openid-1-new')).to.deep.equal([world.order.orderNo]);
      expect(await boundUserOf(APP1, 'openid-1-new')).to.equal(undefined);
      expect(await usedAtOf(scene.sceneId)).to.deep.equal(new Date(START.getTime() + 2 * MINUTE));
    });

    it('answers userInfo of the caller’s own user when its openId is bound, and leaves that binding alone', async () => {
      await world.repositories.wechatIdentities.bind(APP1, 'openid-1-bob', world.bob.id, START);
      const caller = { ...world.visitor(1, 'openid-1-bob'), user: world.bob };
      expect(await world.loginWithScene.execute({ caller, sceneId: scene.sceneId })).to.deep.equal({
        userInfo: { id: world.bob.id, name: world.bob.name, mobile: world.bob.mobile },
        payload: payload(),
      });
      expect(await boundUserOf(APP1, 'openid-1-bob')).to.equal(world.bob.id);
      expect(await grantsOf('openid-1-bob')).to.deep.equal([world.order.orderNo]);
    });

    it('the token then authenticates without any user, and pays the order with the grant', async () => {
      await world.repositories.sessions.add({
        tokenHash: world.hasher.hash('tok-openid-1-new'), operId: 1, appid: APP1, openId: 'openid-1-new', createdAt: START, expiresAt: new Date(START.getTime() + DAY),
      });
      await world.repositories.wechatIdentities.ensure(APP1, 'openid-1-new', START);
      await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-new'), sceneId: scene.sceneId });
      const caller = await world.authenticate.execute({ token: 'tok-openid-1-new', requestAppid: APP1 });
      expect(caller).to.deep.include({ user: null, tokenHash: world.hasher.hash('tok-openid-1-new') });
      const sdk = await orderingUseCases(world).payOrder.execute({ caller, orderNo: world.order.orderNo });
      expect(sdk.appId).to.equal(APP1);
      const detail = await orderingUseCases(world).getOrderDetail.execute({ caller, orderNo: world.order.orderNo });
      expect(detail).to.deep.equal({ order: { ...world.order, prepaidAt: START }, items: [], refunds: [] });
    });

    it('the grant lasts a day, then the token holds nothing', async () => {
      await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-new'), sceneId: scene.sceneId });
      world.clock.advance(24 * HOUR - 1);
      expect(await grantsOf('openid-1-new')).to.deep.equal([world.order.orderNo]);
      world.clock.advance(1);
      expect(await grantsOf('openid-1-new')).to.deep.equal([]);
    });

    it('needs the caller’s session to attach the grant to', async () => {
      const { tokenHash: _hash, ...sessionless } = world.visitor(1, 'openid-1-new');
      let failed: unknown = null;
      await world.loginWithScene.execute({ caller: sessionless, sceneId: scene.sceneId }).catch((error: unknown) => (failed = error));
      expect(failed).to.be.instanceOf(Error).and.not.have.property('code');
      expect(await usedAtOf(scene.sceneId)).to.equal(null);
    });
  });

  describe('60001', () => {
    it('on the second use, by the same or another caller, granting nobody else', async () => {
      await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-first'), sceneId: scene.sceneId });
      world.clock.advance(SECOND);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-first'), sceneId: scene.sceneId }), 60001);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-second'), sceneId: scene.sceneId }), 60001);
      expect(await grantsOf('openid-1-second')).to.deep.equal([]);
      expect(await usedAtOf(scene.sceneId)).to.deep.equal(START);
    });

    it('for all but one of 20 uses in parallel', async () => {
      const openIds = Array.from({ length: 20 }, (_, i) => `openid-1-racer-${i}`);
      const { values, codes } = await settled(
        openIds.map((openId) => world.loginWithScene.execute({ caller: world.visitor(1, openId), sceneId: scene.sceneId })),
      );
      expect(values).to.deep.equal([{ payload: payload() }]);
      expect(codes).to.deep.equal(Array(19).fill(60001));
      const granted = [];
      for (const openId of openIds) if ((await grantsOf(openId)).length > 0) granted.push(openId);
      expect(granted).to.have.length(1);
    });

    it('from exactly 30 minutes on, and not one millisecond before', async () => {
      const other = await mintScene();
      expect(other.expiresAt).to.deep.equal(new Date(START.getTime() + SCENE_TTL));
      world.clock.advance(SCENE_TTL - 1);
      expect(await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-in-time'), sceneId: scene.sceneId })).to.deep.equal({ payload: payload() });
      world.clock.advance(1);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-late'), sceneId: other.sceneId }), 60001);
      expect(await grantsOf('openid-1-late')).to.deep.equal([]);
      expect(await usedAtOf(other.sceneId)).to.equal(null);
    });

    it('for a caller in the mini program of another oper, leaving the scene usable in the target one', async () => {
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(2, 'openid-2-x'), sceneId: scene.sceneId }), 60001);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(3, 'openid-3-x'), sceneId: scene.sceneId }), 60001);
      expect(await grantsOf('openid-2-x')).to.deep.equal([]);
      expect(await usedAtOf(scene.sceneId)).to.equal(null);
      expect(await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId: scene.sceneId })).to.deep.equal({ payload: payload() });
    });

    it('for a scene id never issued, and malformed ones close to the real one, leaving it usable', async () => {
      const refusedIds = [
        SCENE_IDS[1], 'A', '', `${scene.sceneId}0`, ` ${scene.sceneId}`, `${scene.sceneId}\n`,
        `${scene.sceneId.slice(0, 31)}!`, "' OR '1'='1", '３１４１５９',
      ];
      for (const sceneId of refusedIds) {
        await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId }), 60001);
      }
      expect(await grantsOf('openid-1-x')).to.deep.equal([]);
      expect(await usedAtOf(scene.sceneId)).to.equal(null);
    });

    it('for malformed ids even when a scene with that id is stored (33 characters, symbols)', async () => {
      const stored = ['1'.repeat(33), 'abc-123'];
      for (const sceneId of stored) {
        await world.repositories.scenes.add({
          sceneId, operId: 1, userId: world.alice.id, orderNo: world.order.orderNo, page: PAGE, createdAt: START, expiresAt: new Date(START.getTime() + SCENE_TTL),
        });
        await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId }), 60001);
        expect(await usedAtOf(sceneId)).to.equal(null);
      }
    });
  });
});
