import { expect } from 'chai';
import { after, delay, inParallel, MINUTE, mobileNumber, newCode, T0 } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

const APP = 'wx0000000000000001';

/** UnitOfWork and Locks: commit, rollback, and locks that make transactions take turns. */
export function describeUnitOfWorkContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`UnitOfWork and Locks [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);

    it('commits the work and returns its result', async () => {
      const result = await context().unitOfWork.run(async ({ users, wechatIdentities, verifyCodes }) => {
        const user = await users.findOrCreateByMobile(mobileNumber(1), 'a', T0);
        await wechatIdentities.bind(APP, 'o1', user.id, T0);
        await verifyCodes.add(newCode(T0));
        return user;
      });
      const { users, wechatIdentities, verifyCodes } = context().repositories;
      expect(await users.findByMobile(mobileNumber(1))).to.deep.equal(result);
      expect((await wechatIdentities.find(APP, 'o1'))?.userId).to.equal(result.id);
      expect(await verifyCodes.countSentToMobileSince(mobileNumber(1), T0)).to.equal(1);
    });

    it('sees its own writes before committing', async () => {
      await context().unitOfWork.run(async ({ users, sessions }) => {
        const user = await users.findOrCreateByMobile(mobileNumber(1), 'a', T0);
        expect(await users.findById(user.id)).to.deep.equal(user);
        await sessions.add({ tokenHash: 'f'.repeat(64), operId: 1, appid: APP, openId: 'o1', createdAt: T0, expiresAt: after(MINUTE) });
        expect(await sessions.findByTokenHash('f'.repeat(64))).to.not.equal(null);
      });
    });

    it('rolls every write back when the work throws, and rethrows the same error', async () => {
      const { users, wechatIdentities, verifyCodes } = context().repositories;
      const kept = await verifyCodes.add(newCode(T0));
      const failure = new Error('boom');
      const caught = await context()
        .unitOfWork.run(async (repositories) => {
          const user = await repositories.users.findOrCreateByMobile(mobileNumber(2), 'b', T0);
          await repositories.wechatIdentities.bind(APP, 'o2', user.id, T0);
          await repositories.verifyCodes.consume(kept.id, 5, after(MINUTE));
          await repositories.verifyCodes.add(newCode(T0, { mobile: mobileNumber(2) }));
          await repositories.locks.acquire('rolled-back');
          throw failure;
        })
        .then(() => null, (error: unknown) => error);
      expect(caught).to.equal(failure);
      expect(await users.findByMobile(mobileNumber(2))).to.equal(null);
      expect(await wechatIdentities.find(APP, 'o2')).to.equal(null);
      expect(await verifyCodes.findLatest(mobileNumber(1))).to.deep.equal(kept);
      expect(await verifyCodes.findLatest(mobileNumber(2))).to.equal(null);
    });

    it('keeps running after a rollback', async () => {
      await context()
        .unitOfWork.run(async ({ locks }) => {
          await locks.acquire('sms-mobile:1');
          throw new Error('first fails');
        })
        .catch(() => undefined);
      const user = await context().unitOfWork.run(async ({ locks, users }) => {
        await locks.acquire('sms-mobile:1');
        return users.findOrCreateByMobile(mobileNumber(3), 'c', T0);
      });
      expect((await context().repositories.users.findById(user.id))?.mobile).to.equal(mobileNumber(3));
    });

    it('makes 10 transactions under one lock take turns: check, pause, then write', async () => {
      const sent = await inParallel(10, (i) =>
        context().unitOfWork.run(async ({ locks, verifyCodes }) => {
          await locks.acquire(`sms-mobile:${mobileNumber(1)}`);
          const already = await verifyCodes.countSentToMobileSince(mobileNumber(1), T0);
          await delay(5);
          if (already > 0) return false;
          await verifyCodes.add(newCode(after(i)));
          return true;
        }),
      );
      expect(sent.filter(Boolean)).to.have.length(1);
      expect(await context().repositories.verifyCodes.countSentToMobileSince(mobileNumber(1), T0)).to.equal(1);
    });

    it('lets a transaction take the same lock twice, and several locks in a fixed order', async () => {
      const result = await context().unitOfWork.run(async ({ locks }) => {
        await locks.acquire('sms-ip:203.0.113.7');
        await locks.acquire('sms-mobile:13800000001');
        await locks.acquire('sms-ip:203.0.113.7');
        return 'done';
      });
      expect(result).to.equal('done');
    });

    it('takes locks with long and unicode names', async () => {
      const long = `x${'锁'.repeat(300)}`;
      await inParallel(3, () => context().unitOfWork.run(({ locks }) => locks.acquire(long)));
      await context().unitOfWork.run(({ locks }) => locks.acquire('名字🔒'));
    });
  });
}
