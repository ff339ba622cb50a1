import { expect } from 'chai';
import { type BridgeTicket, ORDER_MOVES } from '../../../../core/index.js';
import { type BridgeWorld, bridgeWorld, TICKETS } from '../../support/bridge-world.js';
import { domainErrorOf } from '../../support/domain-error-of.js';
import { placeOrder } from '../../support/ordering-steps.js';
import { GOODS, MINUTE, PAY_TIMEOUT_MS, START } from '../../support/ordering-world.js';

describe('MintBridgeTicket', () => {
  let world: BridgeWorld;

  beforeEach(async () => {
    world = await bridgeWorld();
  });

  const tickets = () => world.store.access.use(({ bridgeTickets }) => [...bridgeTickets.values()]);

  it('stores only the hash of a fresh ticket bound to the user, the order and its oper, for 10 minutes', async () => {
    const minted = await world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: world.order.orderNo });
    const expiresAt = new Date(START.getTime() + 10 * MINUTE);
    expect(minted).to.deep.equal({ ticket: TICKETS[0], order: world.order, userId: world.alice.id, expiresAt });
    const stored: BridgeTicket = {
      ticketHash: world.hasher.hash(TICKETS[0]), userId: world.alice.id, orderNo: world.order.orderNo, operId: 1, createdAt: START, expiresAt,
    };
    expect(await tickets()).to.deep.equal([stored]);
    expect(JSON.stringify(await tickets())).to.not.contain(`"${TICKETS[0]}"`);
  });

  it('mints a new ticket each time (an old one keeps working until it expires)', async () => {
    const caller = world.callerIn(2, world.alice);
    await world.mintBridgeTicket.execute({ caller, orderNo: world.order.orderNo });
    await world.mintBridgeTicket.execute({ caller, orderNo: world.order.orderNo });
    expect((await tickets()).map((t) => t.ticketHash)).to.deep.equal([world.hasher.hash(TICKETS[0]), world.hasher.hash(TICKETS[1])]);
  });

  async function refused(promise: Promise<unknown>, code: 10003 | 50001 | 50002): Promise<void> {
    await domainErrorOf(promise, code);
    expect(await tickets()).to.deep.equal([]);
    expect(world.ticketRandom.tokensLeft).to.equal(TICKETS.length);
  }

  it('10003 for a caller without a user', async () => {
    await refused(world.mintBridgeTicket.execute({ caller: world.visitor(2, 'openid-2-guest'), orderNo: world.order.orderNo }), 10003);
  });

  it("50001 for an unknown order or another user's", async () => {
    await refused(world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: '99999999999999' }), 50001);
    await refused(world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.bob), orderNo: world.order.orderNo }), 50001);
  });

  it("50002 for an order of the caller's own oper, which is paid where it is", async () => {
    await refused(world.mintBridgeTicket.execute({ caller: world.callerIn(1, world.alice), orderNo: world.order.orderNo }), 50002);
    const ofOper3 = await placeOrder(world, { goodsId: GOODS.ofOper3, caller: world.callerIn(3, world.alice) });
    await refused(world.mintBridgeTicket.execute({ caller: world.callerIn(3, world.alice), orderNo: ofOper3.orderNo }), 50002);
  });

  it('50002 for an order no longer unpaid, or past its pay timeout', async () => {
    world.clock.advance(PAY_TIMEOUT_MS);
    await refused(world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: world.order.orderNo }), 50002);
    const fresh = await placeOrder(world, { goodsId: GOODS.onShelf });
    expect(await world.repositories.orders.transition(fresh.id, ORDER_MOVES.cancel, {}, world.clock.now())).to.equal(true);
    await refused(world.mintBridgeTicket.execute({ caller: world.callerIn(2, world.alice), orderNo: fresh.orderNo }), 50002);
  });
});
