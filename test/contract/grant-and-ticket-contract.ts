import { expect } from 'chai';
import type { BridgeTicket, OrderGrant } from '../../core/index.js';
import { after, DAY, MINUTE, T0, tokenHash } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

const grant = (n: number, orderNo: string, expiresAt: Date): OrderGrant => ({ tokenHash: tokenHash(n), orderNo, createdAt: T0, expiresAt });

const ticket = (n: number, expiresAt: Date, overrides: Partial<BridgeTicket> = {}): BridgeTicket => ({
  ticketHash: tokenHash(n), userId: 7, orderNo: '20261128100000123456', operId: 2, createdAt: T0, expiresAt, ...overrides,
});

/** The OrderGrantRepository and BridgeTicketRepository ports: rows keyed by hashes, purged by expiry. */
export function describeGrantAndTicketContracts(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`OrderGrantRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const grants = () => context().repositories.orderGrants;

    /** The orders among `orderNos` the token holds an unexpired grant on at `now`. */
    const grantedOf = async (n: number, orderNos: readonly string[], now: Date) => {
      const granted: string[] = [];
      for (const orderNo of orderNos) if (await grants().isGranted(tokenHash(n), orderNo, now)) granted.push(orderNo);
      return granted;
    };
    const ORDERS = ['100', '200', '300', '400'];

    it('knows the unexpired grants of one token, and no other token’s', async () => {
      await grants().add(grant(1, '300', after(DAY)));
      await grants().add(grant(1, '100', after(1)));
      await grants().add(grant(1, '200', T0));
      await grants().add(grant(2, '400', after(DAY)));
      expect(await grantedOf(1, ORDERS, T0)).to.deep.equal(['100', '300']);
      expect(await grantedOf(2, ORDERS, T0)).to.deep.equal(['400']);
      expect(await grantedOf(3, ORDERS, T0)).to.deep.equal([]);
      expect(await grantedOf(1, ORDERS, after(1))).to.deep.equal(['300']);
    });

    it('granting an order again moves its expiry instead of failing', async () => {
      await grants().add(grant(1, '100', after(MINUTE)));
      await grants().add(grant(1, '100', after(DAY)));
      expect(await grants().isGranted(tokenHash(1), '100', after(2 * MINUTE))).to.equal(true);
    });

    it('deletes the grants expired at or before now, and says how many', async () => {
      await grants().add(grant(1, '100', after(-MINUTE)));
      await grants().add(grant(1, '200', T0));
      await grants().add(grant(2, '100', after(1)));
      expect(await grants().deleteExpired(T0)).to.equal(2);
      expect(await grantedOf(1, ORDERS, after(-DAY))).to.deep.equal([]);
      expect(await grantedOf(2, ORDERS, T0)).to.deep.equal(['100']);
      expect(await grants().deleteExpired(T0)).to.equal(0);
    });

    it('is written and rolled back with the transaction it is used in', async () => {
      const failure = await context()
        .unitOfWork.run(async ({ orderGrants }) => {
          await orderGrants.add(grant(1, '100', after(DAY)));
          throw new Error('rolled back');
        })
        .catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(Error);
      expect(await grants().isGranted(tokenHash(1), '100', T0)).to.equal(false);
    });
  });

  describe(`BridgeTicketRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const tickets = () => context().repositories.bridgeTickets;

    it('round-trips every field, expired or not, and finds nothing for another hash', async () => {
      const stored = ticket(1, after(10 * MINUTE), { userId: 2_147_483_647, operId: 3 });
      await tickets().add(stored);
      await tickets().add(ticket(2, after(-DAY)));
      expect(await tickets().findByHash(tokenHash(1))).to.deep.equal(stored);
      expect(await tickets().findByHash(tokenHash(2))).to.deep.equal(ticket(2, after(-DAY)));
      expect(await tickets().findByHash(tokenHash(3))).to.equal(null);
    });

    it('refuses a second ticket with the same hash', async () => {
      await tickets().add(ticket(1, after(MINUTE)));
      const error = await tickets()
        .add(ticket(1, after(MINUTE), { userId: 8 }))
        .then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(Error);
      expect((await tickets().findByHash(tokenHash(1)))?.userId).to.equal(7);
    });

    it('deletes the tickets expired at or before now, and says how many', async () => {
      await tickets().add(ticket(1, after(-MINUTE)));
      await tickets().add(ticket(2, T0));
      await tickets().add(ticket(3, after(1)));
      expect(await tickets().deleteExpired(T0)).to.equal(2);
      expect(await tickets().findByHash(tokenHash(3))).to.not.equal(null);
    });
  });
}
