import { expect } from 'chai';
import type { Session } from '../../core/index.js';
import { after, DAY, MINUTE, T0, tokenHash } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

function session(n: number, expiresAt: Date, overrides: Partial<Session> = {}): Session {
  return {
    tokenHash: tokenHash(n),
    operId: 1,
    appid: 'wx0000000000000001',
    openId: `oOpenId_${n}`,
    createdAt: T0,
    expiresAt,
    ...overrides,
  };
}

/** The SessionRepository port: tokens stored by hash, and the sweep of expired ones. */
export function describeSessionRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`SessionRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const sessions = () => context().repositories.sessions;

    it('returns null for an unknown token hash', async () => {
      expect(await sessions().findByTokenHash(tokenHash(1))).to.equal(null);
    });

    it('round-trips every field', async () => {
      const stored = session(1, after(30 * DAY), { operId: 2, appid: 'wx0000000000000002' });
      await sessions().add(stored);
      expect(await sessions().findByTokenHash(stored.tokenHash)).to.deep.equal(stored);
      expect(await sessions().findByTokenHash(tokenHash(2))).to.equal(null);
    });

    it('refuses a second session with the same token hash', async () => {
      await sessions().add(session(1, after(DAY)));
      const error = await sessions()
        .add(session(1, after(DAY), { openId: 'other' }))
        .then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(Error);
      expect((await sessions().findByTokenHash(tokenHash(1)))?.openId).to.equal('oOpenId_1');
    });

    it('deletes the sessions expired at or before now, and says how many', async () => {
      await sessions().add(session(1, after(-MINUTE)));
      await sessions().add(session(2, T0));
      await sessions().add(session(3, after(1)));
      await sessions().add(session(4, after(DAY)));
      expect(await sessions().deleteExpired(T0)).to.equal(2);
      expect(await sessions().findByTokenHash(tokenHash(1))).to.equal(null);
      expect(await sessions().findByTokenHash(tokenHash(2))).to.equal(null);
      expect(await sessions().findByTokenHash(tokenHash(3))).to.not.equal(null);
      expect(await sessions().findByTokenHash(tokenHash(4))).to.not.equal(null);
      expect(await sessions().deleteExpired(T0)).to.equal(0);
    });

    it('reads a session with its identity and the bound user in one call', async () => {
      const { repositories } = context();
      const stored = session(1, after(DAY));
      await sessions().add(stored);
      expect(await sessions().findSignedIn(stored.tokenHash)).to.deep.equal({ session: stored, identity: null, user: null });
      await repositories.wechatIdentities.ensure(stored.appid, stored.openId, T0);
      const identity = { appid: stored.appid, openId: stored.openId, userId: null };
      expect(await sessions().findSignedIn(stored.tokenHash)).to.deep.equal({ session: stored, identity, user: null });
      const user = await repositories.users.findOrCreateByMobile('13800000001', '用户甲', T0);
      await repositories.wechatIdentities.bind(stored.appid, stored.openId, user.id, T0);
      expect(await sessions().findSignedIn(stored.tokenHash)).to.deep.equal({
        session: stored,
        identity: { ...identity, userId: user.id },
        user,
      });
      expect(await sessions().findSignedIn(tokenHash(2))).to.equal(null);
    });

    it('joins the identity of the same mini program only', async () => {
      const { repositories } = context();
      const stored = session(1, after(DAY));
      await sessions().add(stored);
      await repositories.wechatIdentities.ensure('wx0000000000000002', stored.openId, T0);
      expect((await sessions().findSignedIn(stored.tokenHash))?.identity).to.equal(null);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const stored = session(1, after(DAY));
      await sessions().add(stored);
      const found = await sessions().findByTokenHash(stored.tokenHash);
      found?.expiresAt.setTime(0);
      expect(await sessions().findByTokenHash(stored.tokenHash)).to.deep.equal(stored);
    });
  });
}
