import { expect } from 'chai';
import { SOME_AREAS } from './catalog-fixtures.js';
import { inParallel } from './fixtures.js';
import { type AreaToLoad, type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** Enough areas that one INSERT of them all would pass SQLite's 32,766 bound values. */
function manyAreas(count: number): AreaToLoad[] {
  return Array.from({ length: count }, (_, i) => ({
    areaId: 100000 + i,
    name: `区${i}`,
    parentId: i < 100 ? 0 : 100000 + (i % 100),
    tier: i < 100 ? 1 : 2,
    initial: String.fromCharCode(65 + (i % 26)),
  }));
}

/** The AreaRepository port, and the loader of the reference tree every adapter offers. */
export function describeAreaRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`AreaRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const areas = () => context().repositories.areas;
    const withoutIds = async () => (await areas().all()).map(({ id: _id, ...record }) => record);

    it('lists nothing before the tree is loaded', async () => {
      expect(await areas().all()).to.deep.equal([]);
    });

    it('loads the tree and lists every field, ordered by code', async () => {
      const shuffled = [...SOME_AREAS].reverse();
      expect(await context().replaceAreas(shuffled)).to.equal(true);
      const listed = await areas().all();
      expect(listed.map(({ id: _id, ...record }) => record)).to.deep.equal(SOME_AREAS);
      for (const area of listed) expect(area.id).to.be.a('number');
      expect(new Set(listed.map((area) => area.id)).size).to.equal(SOME_AREAS.length);
    });

    it('writes nothing when loaded again with the same set, in any order', async () => {
      await context().replaceAreas(SOME_AREAS);
      const before = await areas().all();
      expect(await context().replaceAreas([...SOME_AREAS].reverse())).to.equal(false);
      expect(await areas().all()).to.deep.equal(before);
    });

    it('writes once when several instances load the same tree at once', async () => {
      const wrote = await inParallel(4, () => context().replaceAreas(SOME_AREAS));
      expect(wrote.filter(Boolean)).to.have.length(1);
      expect(await withoutIds()).to.deep.equal(SOME_AREAS);
    });

    it('replaces the set when a record is renamed, removed or added', async () => {
      await context().replaceAreas(SOME_AREAS);
      const changed: AreaToLoad[] = [
        ...SOME_AREAS.filter((area) => area.areaId !== 110101).map((area) =>
          area.areaId === 350200 ? { ...area, name: '厦门市（鹭岛）' } : area,
        ),
        { areaId: 440300, name: '深圳市', parentId: 440000, tier: 2, initial: 'S' },
      ];
      expect(await context().replaceAreas(changed)).to.equal(true);
      expect(await withoutIds()).to.deep.equal([...changed].sort((a, b) => a.areaId - b.areaId));
    });

    it('replaces the set when only an initial or a tier changes', async () => {
      await context().replaceAreas(SOME_AREAS);
      const initialChanged = SOME_AREAS.map((area) => (area.areaId === 500100 ? { ...area, initial: 'Z' } : area));
      expect(await context().replaceAreas(initialChanged)).to.equal(true);
      expect((await areas().all()).find((area) => area.areaId === 500100)?.initial).to.equal('Z');
      const tierChanged = initialChanged.map((area) => (area.areaId === 110101 ? { ...area, tier: 2 as const } : area));
      expect(await context().replaceAreas(tierChanged)).to.equal(true);
      expect((await areas().all()).find((area) => area.areaId === 110101)?.tier).to.equal(2);
    });

    it('keeps an empty initial', async () => {
      await context().replaceAreas([{ areaId: 990000, name: 'Unknown', parentId: 0, tier: 1, initial: '' }]);
      expect((await areas().all())[0]?.initial).to.equal('');
    });

    it('loads 7,000 areas in chunks, and finds them unchanged the second time', async () => {
      const records = manyAreas(7000);
      expect(await context().replaceAreas(records)).to.equal(true);
      expect(await withoutIds()).to.deep.equal(records);
      expect(await context().replaceAreas(records)).to.equal(false);
    });

    it('refuses a tree that lists a code twice, keeping the stored one', async () => {
      await context().replaceAreas(SOME_AREAS);
      const error = await context()
        .replaceAreas([...SOME_AREAS.slice(1), SOME_AREAS[0]!, { ...SOME_AREAS[0]!, name: 'twice' }])
        .then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(Error);
      expect(await withoutIds()).to.deep.equal(SOME_AREAS);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      await context().replaceAreas(SOME_AREAS);
      const [first] = await areas().all();
      (first as { name: string }).name = 'changed';
      expect(await withoutIds()).to.deep.equal(SOME_AREAS);
    });
  });
}
