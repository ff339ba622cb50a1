import { expect } from 'chai';
import { SceneIdTaken } from '../../core/index.js';
import { SCENE_TTL_MS, type NewScene } from '../../core/index.js';
import { after, inParallel, MINUTE, T0 } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** A 32-digit scene id per `n`, as the use case draws them. */
function sceneId(n: number): string {
  return String(n).padStart(32, '9');
}

/** A scene for user 7 to pay order `n` in oper 2's mini program, made at T0, valid 30 minutes. */
function newScene(n: number, overrides: Partial<NewScene> = {}): NewScene {
  return {
    sceneId: sceneId(n),
    operId: 2,
    userId: 7,
    orderNo: `2025030116000012345678${String(n).padStart(10, '0')}`,
    page: 'pages/severs/index/index',
    createdAt: T0,
    expiresAt: after(SCENE_TTL_MS),
    ...overrides,
  };
}

const EXPIRY = after(SCENE_TTL_MS);

/** The SceneRepository port: one-time logins minted by the H5 bridge. */
export function describeSceneRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`SceneRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const scenes = () => context().repositories.scenes;
    const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

    it('returns null for an unknown scene id', async () => {
      expect(await scenes().findBySceneId(sceneId(1))).to.equal(null);
      await scenes().add(newScene(1));
      expect(await scenes().findBySceneId(sceneId(2))).to.equal(null);
      expect(await scenes().findBySceneId('')).to.equal(null);
    });

    it('round-trips every field, unused, and gives each scene its own id', async () => {
      const wanted = newScene(1, {
        sceneId: 'Zz09'.repeat(8),
        operId: 4_000_000_000,
        userId: 3_000_000_001,
        orderNo: '9'.repeat(32),
        page: `pages/${'p'.repeat(116)}/index`,
        createdAt: after(-1),
        expiresAt: after(SCENE_TTL_MS + 1),
      });
      const added = await scenes().add(wanted);
      expect(added).to.deep.equal({ ...wanted, id: added.id, usedAt: null });
      expect(added.id).to.be.a('number').above(0);
      expect(await scenes().findBySceneId(wanted.sceneId)).to.deep.equal(added);
      const other = await scenes().add(newScene(2));
      expect(other.id).to.not.equal(added.id);
      expect(await scenes().findBySceneId(sceneId(2))).to.deep.equal(other);
    });

    it('looks scene ids up exactly: case and trailing spaces count', async () => {
      const upper = await scenes().add(newScene(1, { sceneId: 'AbCdEf0123' }));
      expect(await scenes().findBySceneId('abcdef0123')).to.equal(null);
      expect(await scenes().findBySceneId('ABCDEF0123')).to.equal(null);
      expect(await scenes().findBySceneId('AbCdEf0123 ')).to.equal(null);
      expect(await scenes().findBySceneId('AbCdEf012')).to.equal(null);
      const lower = await scenes().add(newScene(2, { sceneId: 'abcdef0123' }));
      expect(await scenes().findBySceneId('AbCdEf0123')).to.deep.equal(upper);
      expect(await scenes().findBySceneId('abcdef0123')).to.deep.equal(lower);
    });

    it('refuses a second scene with the same scene id with SceneIdTaken, keeping the first', async () => {
      const first = await scenes().add(newScene(1));
      const error = await rejection(scenes().add(newScene(1, { userId: 8, orderNo: '1' })));
      expect(error).to.be.instanceOf(SceneIdTaken);
      expect(await scenes().findBySceneId(sceneId(1))).to.deep.equal(first);
    });

    it('consumes an unused scene once, recording when', async () => {
      const { id } = await scenes().add(newScene(1));
      expect(await scenes().consume(id, after(MINUTE))).to.equal(true);
      expect((await scenes().findBySceneId(sceneId(1)))?.usedAt).to.deep.equal(after(MINUTE));
      expect(await scenes().consume(id, after(2 * MINUTE))).to.equal(false);
      expect((await scenes().findBySceneId(sceneId(1)))?.usedAt).to.deep.equal(after(MINUTE));
    });

    it('refuses to consume a scene at or after its expiry, and takes it a millisecond before', async () => {
      const { id } = await scenes().add(newScene(1));
      expect(await scenes().consume(id, EXPIRY)).to.equal(false);
      expect(await scenes().consume(id, after(1, EXPIRY))).to.equal(false);
      expect(await scenes().consume(id, after(24 * 60 * MINUTE))).to.equal(false);
      expect((await scenes().findBySceneId(sceneId(1)))?.usedAt).to.equal(null);
      expect(await scenes().consume(id, after(-1, EXPIRY))).to.equal(true);
      expect((await scenes().findBySceneId(sceneId(1)))?.usedAt).to.deep.equal(after(-1, EXPIRY));
    });

    it('refuses to consume an unknown scene', async () => {
      const { id } = await scenes().add(newScene(1));
      expect(await scenes().consume(id + 1000, after(MINUTE))).to.equal(false);
      expect((await scenes().findBySceneId(sceneId(1)))?.usedAt).to.equal(null);
    });

    it('leaves the other scenes untouched', async () => {
      const first = await scenes().add(newScene(1));
      const second = await scenes().add(newScene(2));
      const third = await scenes().add(newScene(3));
      expect(await scenes().consume(second.id, after(MINUTE))).to.equal(true);
      expect(await scenes().findBySceneId(sceneId(1))).to.deep.equal(first);
      expect(await scenes().findBySceneId(sceneId(2))).to.deep.equal({ ...second, usedAt: after(MINUTE) });
      expect(await scenes().findBySceneId(sceneId(3))).to.deep.equal(third);
      expect(await scenes().consume(first.id, after(MINUTE))).to.equal(true);
      expect(await scenes().consume(third.id, after(MINUTE))).to.equal(true);
    });

    it('lets exactly one of 20 racing consumers win', async () => {
      const { id } = await scenes().add(newScene(1));
      const results = await inParallel(20, (i) => scenes().consume(id, after(MINUTE + i)));
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = results.indexOf(true);
      expect((await scenes().findBySceneId(sceneId(1)))?.usedAt).to.deep.equal(after(MINUTE + winner));
    });

    it('lets exactly one of 20 racing transactions consume', async () => {
      const { id } = await scenes().add(newScene(1));
      const results = await inParallel(20, () =>
        context().unitOfWork.run(async (repositories) => {
          const found = await repositories.scenes.findBySceneId(sceneId(1));
          return found !== null && (await repositories.scenes.consume(id, after(MINUTE)));
        }),
      );
      expect(results.filter(Boolean)).to.have.length(1);
    });

    it('undoes an add and a consume when their transaction rolls back', async () => {
      const { id } = await scenes().add(newScene(1));
      const failure = new Error('rolled back');
      const error = await rejection(
        context().unitOfWork.run(async (repositories) => {
          await repositories.scenes.add(newScene(2));
          expect(await repositories.scenes.consume(id, after(MINUTE))).to.equal(true);
          throw failure;
        }),
      );
      expect(error).to.equal(failure);
      expect(await scenes().findBySceneId(sceneId(2))).to.equal(null);
      expect((await scenes().findBySceneId(sceneId(1)))?.usedAt).to.equal(null);
      expect(await scenes().consume(id, after(2 * MINUTE))).to.equal(true);
    });

    it('deletes the scenes expired before a time, used or not, and says how many', async () => {
      const used = await scenes().add(newScene(1, { expiresAt: after(-2 * MINUTE) }));
      expect(await scenes().consume(used.id, after(-3 * MINUTE))).to.equal(true);
      await scenes().add(newScene(2, { expiresAt: after(-1) }));
      const atBoundary = await scenes().add(newScene(3, { expiresAt: T0 }));
      const later = await scenes().add(newScene(4));
      expect(await scenes().deleteExpiredBefore(T0)).to.equal(2);
      expect(await scenes().findBySceneId(sceneId(1))).to.equal(null);
      expect(await scenes().findBySceneId(sceneId(2))).to.equal(null);
      expect(await scenes().findBySceneId(sceneId(3))).to.deep.equal(atBoundary);
      expect(await scenes().findBySceneId(sceneId(4))).to.deep.equal(later);
      expect(await scenes().deleteExpiredBefore(T0)).to.equal(0);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const added = await scenes().add(newScene(1));
      added.expiresAt.setTime(0);
      const found = await scenes().findBySceneId(sceneId(1));
      expect(found?.expiresAt).to.deep.equal(EXPIRY);
      found?.createdAt.setTime(0);
      expect((await scenes().findBySceneId(sceneId(1)))?.createdAt).to.deep.equal(T0);
    });
  });
}
