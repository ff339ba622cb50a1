import { expect } from 'chai';
import { aCategory } from './catalog-fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The CategoryRepository port. */
export function describeCategoryRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`CategoryRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const categories = () => context().repositories.categories;

    it('lists nothing when there are no categories', async () => {
      expect(await categories().listEnabled()).to.deep.equal([]);
    });

    it('lists enabled categories with every field, by sort then id, leaving disabled ones out', async () => {
      const food = await context().addCategory(aCategory({ name: '美食 🍜', sort: 2 }));
      const hotpot = await context().addCategory(aCategory({ pid: food, name: '火锅', icon: '', sort: 1 }));
      await context().addCategory(aCategory({ name: '已停用', status: 2, sort: 0 }));
      const coffee = await context().addCategory(aCategory({ pid: food, name: 'Café ☕', sort: 1 }));
      expect(await categories().listEnabled()).to.deep.equal([
        { id: hotpot, pid: food, name: '火锅', icon: '', status: 1, sort: 1 },
        { id: coffee, pid: food, name: 'Café ☕', icon: aCategory().icon, status: 1, sort: 1 },
        { id: food, pid: 0, name: '美食 🍜', icon: aCategory().icon, status: 1, sort: 2 },
      ]);
      expect(hotpot).to.be.below(coffee);
    });

    it('honours a given id', async () => {
      expect(await context().addCategory(aCategory({ id: 42 }))).to.equal(42);
      expect((await categories().listEnabled())[0]?.id).to.equal(42);
    });
  });
}
