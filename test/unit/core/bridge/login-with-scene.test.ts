import { expect } from 'chai';
import { Authenticate, type Scene } from '../../../../core/index.js';
import { type BridgeWorld, bridgeWorld, SCENE_IDS, TOKEN } from '../../support/bridge-world.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { LabellingHasher } from '../../support/labelling-hasher.js';
import { settled } from '../../support/ordering-steps.js';
import { APP1, APP2, DAY, MINUTE, SECOND, START } from '../../support/ordering-world.js';

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
    const code = await world.createBridgeScene.execute({
      token: TOKEN.alice, targetOperId: 1, orderNo: world.order.orderNo, userId: world.alice.id, page: PAGE,
    });
    return code.scene;
  }

  async function boundUserOf(appid: string, openId: string): Promise<number | null | undefined> {
    return (await world.repositories.wechatIdentities.find(appid, openId))?.userId;
  }

  async function usedAtOf(sceneId: string): Promise<Date | null | undefined> {
    return (await world.repositories.scenes.findBySceneId(sceneId))?.usedAt;
  }

  function aliceLogin() {
    return {
      userInfo: { id: world.alice.id, name: '爱丽丝', mobile: '13800000001' },
      payload: { user_id: world.alice.id, order_no: world.order.orderNo },
    };
  }

  describe('success', () => {
    it("binds the caller's openId in the target mini program to the scene's user and returns userInfo and payload", async () => {
      world.clock.advance(2 * MINUTE);
      const caller = world.visitor(1, 'openid-1-new');

      expect(await world.loginWithScene.execute({ caller, sceneId: scene.sceneId })).to.deep.equal(aliceLogin());

      expect(await world.repositories.wechatIdentities.find(APP1, 'openid-1-new')).to.deep.equal({
        appid: APP1, openId: 'openid-1-new', userId: world.alice.id,
      });
      expect(await usedAtOf(scene.sceneId)).to.deep.equal(new Date(START.getTime() + 2 * MINUTE));
      // Her identity in the first mini program is untouched.
      expect(await boundUserOf(APP2, world.callerIn(2, world.alice).openId)).to.equal(world.alice.id);
    });

    it('from then on a token of that openId in the target mini program authenticates as the user', async () => {
      await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-new'), sceneId: scene.sceneId });
      await world.repositories.sessions.add({
        tokenHash: 'hash(tok-target)', operId: 1, appid: APP1, openId: 'openid-1-new', createdAt: START, expiresAt: new Date(START.getTime() + DAY),
      });
      const caller = await new Authenticate(world.repositories, new LabellingHasher(), world.clock).execute({ token: 'tok-target', requestAppid: APP1 });
      expect(caller.user).to.deep.equal(world.alice);
    });

    it('moves an openId bound to someone else to the scene’s user (and unbinds her other openId there)', async () => {
      await world.repositories.wechatIdentities.bind(APP1, 'openid-1-shared', world.bob.id, START);
      await world.repositories.wechatIdentities.bind(APP1, 'openid-1-alice-old', world.alice.id, START);

      expect(await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-shared'), sceneId: scene.sceneId })).to.deep.equal(aliceLogin());

      expect(await boundUserOf(APP1, 'openid-1-shared')).to.equal(world.alice.id);
      expect(await boundUserOf(APP1, 'openid-1-alice-old')).to.equal(null);
    });

    it('ignores whom the caller was already logged in as', async () => {
      await world.repositories.wechatIdentities.bind(APP1, 'openid-1-bob', world.bob.id, START);
      const caller = { ...world.visitor(1, 'openid-1-bob'), user: world.bob };
      expect(await world.loginWithScene.execute({ caller, sceneId: scene.sceneId })).to.deep.equal(aliceLogin());
      expect(await boundUserOf(APP1, 'openid-1-bob')).to.equal(world.alice.id);
    });
  });

  describe('60001', () => {
    it('on the second use, by the same or another caller, binding nobody else', async () => {
      await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-first'), sceneId: scene.sceneId });
      world.clock.advance(SECOND);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-first'), sceneId: scene.sceneId }), 60001);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-second'), sceneId: scene.sceneId }), 60001);
      expect(await boundUserOf(APP1, 'openid-1-second')).to.equal(undefined);
      expect(await usedAtOf(scene.sceneId)).to.deep.equal(START);
    });

    it('for all but one of 20 uses in parallel', async () => {
      const openIds = Array.from({ length: 20 }, (_, i) => `openid-1-racer-${i}`);
      const { values, codes } = await settled(
        openIds.map((openId) => world.loginWithScene.execute({ caller: world.visitor(1, openId), sceneId: scene.sceneId })),
      );
      expect(values).to.deep.equal([aliceLogin()]);
      expect(codes).to.deep.equal(Array(19).fill(60001));
      const bound = [];
      for (const openId of openIds) if ((await boundUserOf(APP1, openId)) === world.alice.id) bound.push(openId);
      expect(bound).to.have.length(1);
      expect(await usedAtOf(scene.sceneId)).to.deep.equal(START);
    });

    it('from exactly 30 minutes on, and not one millisecond before', async () => {
      const other = await mintScene();
      expect(other.expiresAt).to.deep.equal(new Date(START.getTime() + SCENE_TTL));

      world.clock.advance(SCENE_TTL - 1);
      expect(await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-in-time'), sceneId: scene.sceneId })).to.deep.equal(aliceLogin());

      world.clock.advance(1);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-late'), sceneId: other.sceneId }), 60001);
      world.clock.advance(DAY);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-late'), sceneId: other.sceneId }), 60001);
      expect(await boundUserOf(APP1, 'openid-1-late')).to.equal(undefined);
      expect(await usedAtOf(other.sceneId)).to.equal(null);
    });

    it('for a caller in the mini program of another oper, leaving the scene usable in the target one', async () => {
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(2, 'openid-2-x'), sceneId: scene.sceneId }), 60001);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(3, 'openid-3-x'), sceneId: scene.sceneId }), 60001);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.callerIn(2, world.alice), sceneId: scene.sceneId }), 60001);
      expect(await boundUserOf(APP2, 'openid-2-x')).to.equal(undefined);
      expect(await usedAtOf(scene.sceneId)).to.equal(null);

      expect(await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId: scene.sceneId })).to.deep.equal(aliceLogin());
    });

    it('for a well-formed scene id that was never issued', async () => {
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId: SCENE_IDS[1] }), 60001);
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId: 'A' }), 60001);
      expect(await boundUserOf(APP1, 'openid-1-x')).to.equal(undefined);
    });

    it('for malformed scene ids, even close to the real one, leaving it usable', async () => {
      const malformed = [
        '',
        `${scene.sceneId}0`,
        `0${scene.sceneId}`,
        ` ${scene.sceneId}`,
        `${scene.sceneId}\n`,
        `${scene.sceneId.slice(0, 31)}!`,
        `${scene.sceneId.slice(0, 16)}-${scene.sceneId.slice(16, 31)}`,
        `${scene.sceneId.slice(0, 10)}%27%20OR%201`,
        "' OR '1'='1",
        '３１４１５９', // full-width digits
      ];
      for (const sceneId of malformed) {
        await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId }), 60001);
      }
      expect(await boundUserOf(APP1, 'openid-1-x')).to.equal(undefined);
      expect(await usedAtOf(scene.sceneId)).to.equal(null);
      expect(await world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId: scene.sceneId })).to.deep.equal(aliceLogin());
    });

    it('for malformed ids even when a scene with that id is stored (33 characters, symbols)', async () => {
      const stored = ['1'.repeat(33), 'abc-123', 'abc_123'];
      for (const sceneId of stored) {
        await world.repositories.scenes.add({
          sceneId, operId: 1, userId: world.alice.id, orderNo: world.order.orderNo, page: PAGE, createdAt: START, expiresAt: new Date(START.getTime() + SCENE_TTL),
        });
      }
      for (const sceneId of stored) {
        await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId }), 60001);
        expect(await usedAtOf(sceneId)).to.equal(null);
      }
      expect(await boundUserOf(APP1, 'openid-1-x')).to.equal(undefined);
    });

    it("when the scene's user no longer exists, leaving the scene unused (the transaction rolls back)", async () => {
      await world.repositories.scenes.add({
        sceneId: '99', operId: 1, userId: 999, orderNo: world.order.orderNo, page: PAGE, createdAt: START, expiresAt: new Date(START.getTime() + SCENE_TTL),
      });
      await domainErrorOf(world.loginWithScene.execute({ caller: world.visitor(1, 'openid-1-x'), sceneId: '99' }), 60001);
      expect(await usedAtOf('99')).to.equal(null);
      expect(await boundUserOf(APP1, 'openid-1-x')).to.equal(undefined);
    });
  });
});
