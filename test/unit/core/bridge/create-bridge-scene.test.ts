import { expect } from 'chai';
import { NodeRandom } from '../../../../adapters/crypto/node-random.js';
import {
  Authenticate,
  CreateBridgeScene,
  type CreateBridgeSceneInput,
  DEFAULT_BRIDGE_PAGE,
  type ErrorCode,
  OrderStatus,
  type Scene,
} from '../../../../core/index.js';
import { type BridgeWorld, bridgeWorld, DISABLED_OPER, SCENE_IDS, TOKEN } from '../../support/bridge-world.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { FAKE_PNG } from '../../support/fake-mini-program-codes.js';
import { LabellingHasher } from '../../support/labelling-hasher.js';
import { placeOrder } from '../../support/ordering-steps.js';
import { APP1, DAY, GOODS, MINUTE, PAY_TIMEOUT_MS, START } from '../../support/ordering-world.js';

const PAGE = 'pages/order/pay';

describe('CreateBridgeScene', () => {
  let world: BridgeWorld;

  beforeEach(async () => {
    world = await bridgeWorld();
  });

  /** Alice, with her own token, asks for oper 1's code for her unpaid order of oper 1. */
  function aliceAsks(overrides: Partial<CreateBridgeSceneInput> = {}): CreateBridgeSceneInput {
    return { token: TOKEN.alice, targetOperId: 1, orderNo: world.order.orderNo, userId: world.alice.id, page: PAGE, ...overrides };
  }

  /** Expects `code`, and that nothing was stored, no scene id drawn, and WeChat never called. */
  async function refused(input: CreateBridgeSceneInput, code: ErrorCode): Promise<void> {
    await domainErrorOf(world.createBridgeScene.execute(input), code);
    expect(await world.scenes()).to.deep.equal([]);
    expect(world.codes.calls).to.deep.equal([]);
    expect(world.sceneRandom.digitsLeft).to.equal(SCENE_IDS.length);
  }

  describe('for a valid token of the user, her unpaid order and its oper', () => {
    it('stores the scene (target oper, user, order, page, 30 minutes) and returns it with the code', async () => {
      world.clock.advance(5 * MINUTE);
      const now = new Date(START.getTime() + 5 * MINUTE);
      const expected: Scene = {
        id: 1,
        sceneId: SCENE_IDS[0],
        operId: 1,
        userId: world.alice.id,
        orderNo: world.order.orderNo,
        page: PAGE,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 30 * MINUTE),
        usedAt: null,
      };

      const code = await world.createBridgeScene.execute(aliceAsks());

      expect(code.scene).to.deep.equal(expected);
      expect(code.oper.id).to.equal(1);
      expect(code.oper.miniProgram.appid).to.equal(APP1);
      expect(code.png).to.deep.equal(FAKE_PNG);
      expect(await world.scenes()).to.deep.equal([expected]);
      expect(await world.repositories.scenes.findBySceneId(SCENE_IDS[0])).to.deep.equal(expected);
    });

    it("asks WeChat once for the target oper's code, with the scene id and the page", async () => {
      await world.createBridgeScene.execute(aliceAsks({ page: DEFAULT_BRIDGE_PAGE }));
      expect(world.codes.calls).to.deep.equal([{ operId: 1, appid: APP1, scene: SCENE_IDS[0], page: 'pages/severs/index/index' }]);
    });

    it('draws a 32-digit scene id (with the real random source), fresh on every call', async () => {
      const hasher = new LabellingHasher();
      const create = new CreateBridgeScene(
        world.repositories, new Authenticate(world.repositories, hasher, world.clock), world.codes, new NodeRandom(), world.clock, PAY_TIMEOUT_MS,
      );
      const first = await create.execute(aliceAsks());
      const second = await create.execute(aliceAsks());
      expect(first.scene.sceneId).to.match(/^[0-9]{32}$/);
      expect(second.scene.sceneId).to.match(/^[0-9]{32}$/);
      expect(second.scene.sceneId).to.not.equal(first.scene.sceneId);
      expect(world.codes.calls.map((call) => call.scene)).to.deep.equal([first.scene.sceneId, second.scene.sceneId]);
      expect((await world.scenes()).map((scene) => scene.sceneId)).to.deep.equal([first.scene.sceneId, second.scene.sceneId]);
    });

    it('works for an order of any enabled oper, with a token of any mini program of the user', async () => {
      const ofOper3 = await placeOrder(world, { goodsId: GOODS.ofOper3 });
      const code = await world.createBridgeScene.execute(aliceAsks({ targetOperId: 3, orderNo: ofOper3.orderNo }));
      expect(code.scene.operId).to.equal(3);
      expect(world.codes.calls).to.deep.equal([{ operId: 3, appid: 'wx0000000000000003', scene: SCENE_IDS[0], page: PAGE }]);
    });
  });

  describe('10007: a missing, unknown or expired token, or one of another user', () => {
    it('without a token', async () => {
      await refused(aliceAsks({ token: null }), 10007);
      await refused(aliceAsks({ token: '' }), 10007);
    });

    it('with a token never issued, or the stored hash presented as one', async () => {
      await refused(aliceAsks({ token: 'tok-unknown' }), 10007);
      await refused(aliceAsks({ token: `hash(${TOKEN.alice})` }), 10007);
    });

    it('with an expired token', async () => {
      await refused(aliceAsks({ token: TOKEN.expired }), 10007);
    });

    it("once alice's own token has expired (30 days after it was issued)", async () => {
      world.clock.advance(30 * DAY);
      await refused(aliceAsks(), 10007);
    });

    it("with bob's token for alice and her order", async () => {
      await refused(aliceAsks({ token: TOKEN.bob }), 10007);
    });

    it("with alice's token for bob and his own order", async () => {
      const bobs = await placeOrder(world, { caller: world.callerIn(2, world.bob) });
      await refused(aliceAsks({ userId: world.bob.id, orderNo: bobs.orderNo }), 10007);
    });

    it('before looking at the order', async () => {
      await refused(aliceAsks({ token: 'tok-unknown', orderNo: 'no-such-order' }), 10007);
      await refused(aliceAsks({ token: TOKEN.bob, orderNo: 'no-such-order' }), 10007);
    });
  });

  it('10003: a token whose openId is bound to no user', async () => {
    await refused(aliceAsks({ token: TOKEN.unbound }), 10003);
  });

  describe('50001: the order is unknown or not the user’s', () => {
    it('for an unknown order number', async () => {
      await refused(aliceAsks({ orderNo: '99999999999999999999' }), 50001);
      await refused(aliceAsks({ orderNo: '' }), 50001);
    });

    it("for bob's order, asked by alice for herself", async () => {
      const bobs = await placeOrder(world, { caller: world.callerIn(2, world.bob) });
      await refused(aliceAsks({ orderNo: bobs.orderNo }), 50001);
    });
  });

  it('50003: the order belongs to another oper than the target', async () => {
    await refused(aliceAsks({ targetOperId: 2 }), 50003);
    await refused(aliceAsks({ targetOperId: 3 }), 50003);
    await refused(aliceAsks({ targetOperId: DISABLED_OPER }), 50003);
    await refused(aliceAsks({ targetOperId: 99 }), 50003);
  });

  describe('50002: the order is no longer unpaid', () => {
    const moves: ReadonlyArray<{ name: string; path: readonly OrderStatus[] }> = [
      { name: 'cancelled', path: [OrderStatus.Cancelled] },
      { name: 'closed', path: [OrderStatus.Closed] },
      { name: 'paid', path: [OrderStatus.Paid] },
      { name: 'refunded', path: [OrderStatus.Paid, OrderStatus.Refunded] },
      { name: 'completed', path: [OrderStatus.Paid, OrderStatus.Completed] },
    ];
    for (const { name, path } of moves) {
      it(`for an order ${name}`, async () => {
        let from: OrderStatus = OrderStatus.Unpaid;
        for (const to of path) {
          expect(await world.repositories.orders.transition(world.order.id, { from: [from], to }, {}, START)).to.equal(true);
          from = to;
        }
        await refused(aliceAsks(), 50002);
      });
    }

    it('for an unpaid order past its pay timeout, which /order/pay refuses too', async () => {
      world.clock.advance(PAY_TIMEOUT_MS);
      await refused(aliceAsks(), 50002);
    });

    it('for an unpaid order one millisecond before its pay timeout: not yet', async () => {
      world.clock.advance(PAY_TIMEOUT_MS - 1);
      expect((await world.createBridgeScene.execute(aliceAsks())).scene.orderNo).to.equal(world.order.orderNo);
    });
  });

  describe('70011: the target oper is disabled or gone', () => {
    /** An unpaid order of alice's owned by `operId`, written straight to the repository. */
    async function orderOfOper(operId: number, orderNo: string): Promise<string> {
      const { id: _id, payTime: _pt, transactionId: _tx, refundPrice: _rp, refundTime: _rt, status: _st, ...fields } = world.order;
      return (await world.repositories.orders.add({ ...fields, operId, orderNo })).orderNo;
    }

    it('for a disabled oper that owns the order', async () => {
      const orderNo = await orderOfOper(DISABLED_OPER, '20261128100000000000000000000009');
      await refused(aliceAsks({ targetOperId: DISABLED_OPER, orderNo }), 70011);
    });

    it('for an oper that does not exist', async () => {
      const orderNo = await orderOfOper(99, '20261128100000000000000000000099');
      await refused(aliceAsks({ targetOperId: 99, orderNo }), 70011);
    });
  });

  describe('70012: WeChat fails to make the code', () => {
    it('propagates 70012 after one call, leaving the scene row behind unused', async () => {
      world.codes.failing = true;
      await domainErrorOf(world.createBridgeScene.execute(aliceAsks()), 70012);
      expect(world.codes.calls).to.deep.equal([{ operId: 1, appid: APP1, scene: SCENE_IDS[0], page: PAGE }]);
      // Not in a transaction with the call: the scene stays, though nobody was ever shown its id.
      expect(await world.scenes()).to.deep.equal([
        {
          id: 1, sceneId: SCENE_IDS[0], operId: 1, userId: world.alice.id, orderNo: world.order.orderNo, page: PAGE,
          createdAt: START, expiresAt: new Date(START.getTime() + 30 * MINUTE), usedAt: null,
        },
      ]);
    });

    it('a retry makes a fresh scene and succeeds', async () => {
      world.codes.failing = true;
      await domainErrorOf(world.createBridgeScene.execute(aliceAsks()), 70012);
      world.codes.failing = false;
      const code = await world.createBridgeScene.execute(aliceAsks());
      expect(code.scene.sceneId).to.equal(SCENE_IDS[1]);
      expect(code.png).to.deep.equal(FAKE_PNG);
      expect(world.codes.calls.map((call) => call.scene)).to.deep.equal([SCENE_IDS[0], SCENE_IDS[1]]);
    });
  });
});
