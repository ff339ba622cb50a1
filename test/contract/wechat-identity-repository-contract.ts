import { expect } from 'chai';
import type { Repositories } from '../../core/index.js';
import { after, inParallel, mobileNumber, T0 } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

const APP_A = 'wx0000000000000001';
const APP_B = 'wx0000000000000002';

async function makeUsers(repositories: Repositories, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push((await repositories.users.findOrCreateByMobile(mobileNumber(i), `u${i}`, T0)).id);
  return ids;
}

/** The WechatIdentityRepository port: one openId per (appid, user), binds that move and unbind. */
export function describeWechatIdentityRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`WechatIdentityRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const identities = () => context().repositories.wechatIdentities;

    it('returns null for an unknown openId', async () => {
      expect(await identities().find(APP_A, 'o_unknown')).to.equal(null);
    });

    it('ensures an unbound identity once, and finds it', async () => {
      const ensured = await identities().ensure(APP_A, 'oOpenId-1', T0);
      expect(ensured).to.deep.equal({ appid: APP_A, openId: 'oOpenId-1', userId: null });
      expect(await identities().ensure(APP_A, 'oOpenId-1', after(1000))).to.deep.equal(ensured);
      expect(await identities().find(APP_A, 'oOpenId-1')).to.deep.equal(ensured);
      expect(await identities().find(APP_B, 'oOpenId-1')).to.equal(null);
    });

    it('tells openIds apart by case', async () => {
      const [user] = await makeUsers(context().repositories, 1);
      await identities().bind(APP_A, 'oAbC', user!, T0);
      expect(await identities().find(APP_A, 'oabc')).to.equal(null);
      await identities().ensure(APP_A, 'oabc', T0);
      expect((await identities().find(APP_A, 'oabc'))?.userId).to.equal(null);
      expect((await identities().find(APP_A, 'oAbC'))?.userId).to.equal(user);
    });

    it('binds an openId, creating its identity if needed, and ensure keeps the binding', async () => {
      const [user] = await makeUsers(context().repositories, 1);
      await identities().bind(APP_A, 'o1', user!, T0);
      expect(await identities().find(APP_A, 'o1')).to.deep.equal({ appid: APP_A, openId: 'o1', userId: user });
      expect(await identities().ensure(APP_A, 'o1', after(1000))).to.deep.equal({ appid: APP_A, openId: 'o1', userId: user });
    });

    it('re-binding moves the openId to the new user', async () => {
      const [alice, bob] = await makeUsers(context().repositories, 2);
      await identities().ensure(APP_A, 'o1', T0);
      await identities().bind(APP_A, 'o1', alice!, T0);
      await identities().bind(APP_A, 'o1', bob!, after(1000));
      expect((await identities().find(APP_A, 'o1'))?.userId).to.equal(bob);
    });

    it("unbinds the user's previous openId in that mini program only", async () => {
      const [alice] = await makeUsers(context().repositories, 1);
      await identities().bind(APP_A, 'o-old', alice!, T0);
      await identities().bind(APP_B, 'o-in-b', alice!, T0);
      await identities().bind(APP_A, 'o-new', alice!, after(1000));
      expect(await identities().find(APP_A, 'o-old')).to.deep.equal({ appid: APP_A, openId: 'o-old', userId: null });
      expect((await identities().find(APP_A, 'o-new'))?.userId).to.equal(alice);
      expect((await identities().find(APP_B, 'o-in-b'))?.userId).to.equal(alice);
    });

    it('binding the same openId to the same user again changes nothing', async () => {
      const [alice] = await makeUsers(context().repositories, 1);
      await identities().bind(APP_A, 'o1', alice!, T0);
      await identities().bind(APP_A, 'o1', alice!, after(1000));
      expect((await identities().find(APP_A, 'o1'))?.userId).to.equal(alice);
    });

    it('refuses to bind to a user that does not exist', async () => {
      const error = await identities()
        .bind(APP_A, 'o1', 987654, T0)
        .then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(Error);
      expect((await identities().find(APP_A, 'o1'))?.userId ?? null).to.equal(null);
    });

    it('leaves one openId bound when 12 binds of different openIds to one user race', async () => {
      const [alice] = await makeUsers(context().repositories, 1);
      const openIds = Array.from({ length: 12 }, (_, i) => `o-race-${i}`);
      await inParallel(12, (i) => identities().bind(APP_A, openIds[i]!, alice!, T0));
      const bound = [];
      for (const openId of openIds) {
        if ((await identities().find(APP_A, openId))?.userId === alice) bound.push(openId);
      }
      expect(bound).to.have.length(1);
    });

    it('leaves the openId bound to one of the users when 12 binds of it race', async () => {
      const users = await makeUsers(context().repositories, 12);
      await inParallel(12, (i) => identities().bind(APP_A, 'o-shared', users[i]!, T0));
      const found = await identities().find(APP_A, 'o-shared');
      expect(users).to.include(found?.userId);
    });

    it('creates one identity when 15 ensures race, and one bind among them wins', async () => {
      const [alice] = await makeUsers(context().repositories, 1);
      const results = await inParallel(15, (i) =>
        i === 7 ? identities().bind(APP_A, 'o-new', alice!, T0).then(() => null) : identities().ensure(APP_A, 'o-new', T0),
      );
      for (const result of results) if (result) expect(result.openId).to.equal('o-new');
      expect((await identities().find(APP_A, 'o-new'))?.userId).to.equal(alice);
    });
  });
}
