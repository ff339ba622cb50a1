import { expect } from 'chai';
import { NodeRandom } from '../../../../adapters/crypto/node-random.js';
import {
  CreateBridgeScene,
  type CreateBridgeSceneInput,
  DEFAULT_BRIDGE_PAGE,
  type ErrorCode,
  OrderStatus,
  type Scene,
} from '../../../../core/index.js';
import { type BridgeWorld, bridgeWorld, DISABLED_OPER, SCENE_IDS, TICKETS } from '../../support/bridge-world.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { FAKE_PNG } from '../../support/fake-mini-program-codes.js';
import { placeOrder } from '../../support/ordering-steps.js';
import { APP1, GOODS, MINUTE, PAY_TIMEOUT_MS, START } from '../../support/ordering-world.js';

const PAGE = 'pages/order/pay';

describe('CreateBridgeScene', () => {
  let world: BridgeWorld;
  /** Alice's ticket for her unpaid order of oper 1, minted in oper 2's mini program at START. */
  let ticket: string;

  beforeEach(async () => {
    world = await bridgeWorld();
    ticket = (await world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: world.order.orderNo })).ticket;
  });

  /** The page opened with alice's ticket for her order and its oper. */
  function aliceOpens(overrides: Partial<CreateBridgeSceneInput> = {}): CreateBridgeSceneInput {
    return { ticket, targetOperId: 1, orderNo: world.order.orderNo, userId: world.alice.id, page: PAGE, ...overrides };
  }

  /** Expects `code`, and that nothing was stored, no scene id drawn, and WeChat never called. */
  async function refused(input: CreateBridgeSceneInput, code: ErrorCode): Promise<void> {
    await domainErrorOf(world.createBridgeScene.execute(input), code);
    expect(await world.scenes()).to.deep.equal([]);
    expect(world.codes.calls).to.deep.equal([]);
    expect(world.sceneRandom.digitsLeft).to.equal(SCENE_IDS.length);
  }

  describe('with a live ticket matching the user, her unpaid order and its oper', () => {
    it('stores the scene (target oper, user, order, page, 30 minutes) and returns it with the code', async () => {
      world.clock.advance(5 * MINUTE);
      const now = new Date(START.getTime() + 5 * MINUTE);
      const expected: Scene = {
        id: 1, sceneId: SCENE_IDS[0], operId: 1, userId: world.alice.id, orderNo: world.order.orderNo, page: PAGE,
        createdAt: now, expiresAt: new Date(now.getTime() + 30 * MINUTE), usedAt: null,
      };
      const code = await world.createBridgeScene.execute(aliceOpens());
      expect(code.scene).to.deep.equal(expected);
      expect(code.oper.miniProgram.appid).to.equal(APP1);
      expect(code.png).to.deep.equal(FAKE_PNG);
      expect(await world.scenes()).to.deep.equal([expected]);
    });

    it("asks WeChat once for the target oper's code, with the scene id and the page", async () => {
      await world.createBridgeScene.execute(aliceOpens({ page: DEFAULT_BRIDGE_PAGE }));
      expect(world.codes.calls).to.deep.equal([{ operId: 1, appid: APP1, scene: SCENE_IDS[0], page: 'pages/severs/index/index' }]);
    });

    it('shows a fresh code on every reload while the ticket lives (up to its 10th minute)', async () => {
      const first = await world.createBridgeScene.execute(aliceOpens());
      world.clock.advance(10 * MINUTE - 1);
      const second = await world.createBridgeScene.execute(aliceOpens());
      expect([first.scene.sceneId, second.scene.sceneId]).to.deep.equal([SCENE_IDS[0], SCENE_IDS[1]]);
    });

    it('draws a 32-digit scene id with the real random source', async () => {
      const create = new CreateBridgeScene(world.repositories, world.codes, new NodeRandom(), world.hasher, world.clock, PAY_TIMEOUT_MS);
      const first = await create.execute(aliceOpens());
      const second = await create.execute(aliceOpens());
      expect(first.scene.sceneId).to.match(/^[0-9]{32}$/);
      expect(second.scene.sceneId).to.match(/^[0-9]{32}$/).and.not.equal(first.scene.sceneId);
    });
  });

  describe('10007: no ticket, an unknown or expired one, or one for something else', () => {
    it('without a ticket, or with one never minted, or its stored hash', async () => {
      await refused(aliceOpens({ ticket: null }), 10007);
      await refused(aliceOpens({ ticket: '' }), 10007);
      await refused(aliceOpens({ ticket: TICKETS[3] }), 10007);
      await refused(aliceOpens({ ticket: world.hasher.hash(ticket) }), 10007);
    });

    it('once the ticket is 10 minutes old', async () => {
      world.clock.advance(10 * MINUTE);
      await refused(aliceOpens(), 10007);
    });

    it('for another user, another order or another oper than the ticket’s, saying the same each time', async () => {
      const bobs = await placeOrder(world, { caller: world.callerIn(2, world.bob) });
      const messages = new Set<string>();
      for (const input of [
        aliceOpens({ userId: world.bob.id }),
        aliceOpens({ orderNo: bobs.orderNo, userId: world.bob.id }),
        aliceOpens({ orderNo: bobs.orderNo }),
        aliceOpens({ targetOperId: 3 }),
      ]) {
        messages.add((await domainErrorOf(world.createBridgeScene.execute(input), 10007)).message);
      }
      expect(messages.size).to.equal(1);
      expect(await world.scenes()).to.deep.equal([]);
    });

    it('for a ticket made for an order of oper 3, used for oper 1’s order', async () => {
      const ofOper3 = await placeOrder(world, { goodsId: GOODS.ofOper3 });
      const other = (await world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: ofOper3.orderNo })).ticket;
      await refused(aliceOpens({ ticket: other }), 10007);
      expect((await world.createBridgeScene.execute(aliceOpens({ ticket: other, orderNo: ofOper3.orderNo, targetOperId: 3 }))).scene.operId).to.equal(3);
    });
  });

  describe('50002: the order is no longer payable though the ticket lives', () => {
    const moves: ReadonlyArray<{ name: string; path: readonly OrderStatus[] }> = [
      { name: 'cancelled', path: [OrderStatus.Cancelled] },
      { name: 'closed', path: [OrderStatus.Closed] },
      { name: 'paid', path: [OrderStatus.Paid] },
    ];
    for (const { name, path } of moves) {
      it(`for an order ${name}`, async () => {
        let from: OrderStatus = OrderStatus.Unpaid;
        for (const to of path) {
          expect(await world.repositories.orders.transition(world.order.id, { from: [from], to }, {}, START)).to.equal(true);
          from = to;
        }
        await refused(aliceOpens(), 50002);
      });
    }

    it('for an order past its pay timeout (a ticket minted just before it)', async () => {
      world.clock.advance(PAY_TIMEOUT_MS - MINUTE);
      const late = (await world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: world.order.orderNo })).ticket;
      world.clock.advance(MINUTE);
      await refused(aliceOpens({ ticket: late }), 50002);
    });
  });

  it('70011: the target oper was disabled after the ticket was minted', async () => {
    await world.store.access.use(({ opers }) => {
      const oper = opers.get(1)!;
      opers.set(1, { ...oper, status: 2 });
    });
    await refused(aliceOpens(), 70011);
    expect(DISABLED_OPER).to.equal(9);
  });

  describe('70012: WeChat fails to make the code', () => {
    it('propagates 70012; a reload with the same ticket makes a fresh scene and succeeds', async () => {
      world.codes.failing = true;
      await domainErrorOf(world.createBridgeScene.execute(aliceOpens()), 70012);
      world.codes.failing = false;
      const code = await world.createBridgeScene.execute(aliceOpens());
      expect(code.scene.sceneId).to.equal(SCENE_IDS[1]);
      expect(world.codes.calls.map((call) => call.scene)).to.deep.equal([SCENE_IDS[0], SCENE_IDS[1]]);
    });
  });
});
