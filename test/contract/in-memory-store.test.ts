import { expect } from 'chai';
import { InMemoryStore, InMemoryUnitOfWork, inMemoryRepositories } from '../../adapters/memory/index.js';
import type { Repositories } from '../../core/index.js';
import { delay, mobileNumber, T0 } from './fixtures.js';

/** What the memory adapter promises beyond the port contracts: isolation like SQLite's. */
describe('InMemoryStore transactions [memory]', () => {
  let store: InMemoryStore;
  let outside: Repositories;
  let unitOfWork: InMemoryUnitOfWork;
  beforeEach(() => {
    store = new InMemoryStore();
    outside = inMemoryRepositories(store);
    unitOfWork = new InMemoryUnitOfWork(store);
  });

  const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

  it('refuses, instead of waiting forever, the store reached around the transaction inside run()', async () => {
    const error = await rejection(unitOfWork.run(() => outside.users.findByMobile(mobileNumber(1))));
    expect(error).to.be.instanceOf(Error).with.property('message').that.matches(/only its repositories/);
  });

  it('refuses a nested run()', async () => {
    const error = await rejection(unitOfWork.run(() => unitOfWork.run(async () => 1)));
    expect(error).to.be.instanceOf(Error);
  });

  it("refuses a transaction's repositories once it has ended", async () => {
    const leaked = await unitOfWork.run(async (repositories) => repositories);
    expect(await rejection(leaked.users.findById(1))).to.be.instanceOf(Error);
  });

  it('makes outside operations wait for the transaction, so they never see uncommitted data', async () => {
    const events: string[] = [];
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    const transaction = unitOfWork.run(async ({ users }) => {
      await users.findOrCreateByMobile(mobileNumber(1), 'a', T0);
      await committing;
      events.push('commit');
    });
    const read = outside.users.findByMobile(mobileNumber(1)).then((user) => {
      events.push('read');
      return user?.name ?? null;
    });
    // The store does no I/O: a read that did not wait would have ended within this turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).to.deep.equal([]);
    commit();
    await transaction;
    expect(await read).to.equal('a');
    expect(events).to.deep.equal(['commit', 'read']);
  });

  it('keeps the writes made outside while a transaction that rolls back was running', async () => {
    const transaction = rejection(
      unitOfWork.run(async ({ users }) => {
        await users.findOrCreateByMobile(mobileNumber(1), 'rolled back', T0);
        await delay(5);
        throw new Error('boom');
      }),
    );
    const write = outside.users.findOrCreateByMobile(mobileNumber(2), 'kept', T0);
    await Promise.all([transaction, write]);
    expect(await outside.users.findByMobile(mobileNumber(1))).to.equal(null);
    expect((await outside.users.findByMobile(mobileNumber(2)))?.name).to.equal('kept');
  });

  it('rolls back ids too, and hands out the next id after the highest oper id given', async () => {
    await rejection(
      unitOfWork.run(async ({ users }) => {
        await users.findOrCreateByMobile(mobileNumber(1), 'a', T0);
        throw new Error('boom');
      }),
    );
    expect((await outside.users.findOrCreateByMobile(mobileNumber(2), 'b', T0)).id).to.equal(1);
    const oper = (appid: string) => ({ name: appid, status: 1 as const, miniProgram: { appid, sealedSecret: 's' }, pay: null });
    await store.addOper({ ...oper('wx_a'), id: 7 });
    const next = await store.addOper(oper('wx_b'));
    expect(next.id).to.equal(8);
  });
});
