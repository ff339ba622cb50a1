import { expect } from 'chai';
import { aGoods, aMerchant, seedOwners } from './catalog-fixtures.js';
import { after, DAY } from './fixtures.js';
import { type GoodsToAdd, type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The GoodsRepository port, and the goods writer every adapter offers. */
export function describeGoodsRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`GoodsRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const goods = () => context().repositories.goods;
    const added = async (input: GoodsToAdd) => ({ ...input, id: await context().addGoods(input) });

    async function twoMerchants() {
      const { operId, categoryId } = await seedOwners(context());
      const first = await context().addMerchant(aMerchant(operId, categoryId));
      const second = await context().addMerchant(aMerchant(operId, categoryId, { name: '另一家' }));
      return { operId, first, second };
    }

    it('returns null for unknown goods, and lists nothing for a merchant without goods', async () => {
      const { first } = await twoMerchants();
      expect(await goods().findById(12345)).to.equal(null);
      expect(await goods().listOnShelf(first)).to.deep.equal([]);
      expect(await goods().listOnShelf(98765)).to.deep.equal([]);
    });

    it("lists the merchant's on-shelf goods with every field, by id", async () => {
      const { operId, first, second } = await twoMerchants();
      const a = await added(aGoods(operId, first, { name: '招牌套餐 🍲', stock: 0, sellNumber: 12 }));
      await added(aGoods(operId, first, { name: '下架的', status: 2 }));
      const b = await added(aGoods(operId, first, { name: '𠮷 单人餐', stock: 50, createdAt: after(DAY), picList: [] }));
      await added(aGoods(operId, second, { name: '别家的' }));
      expect(await goods().listOnShelf(first)).to.deep.equal([a, b]);
    });

    it('finds goods whatever their status', async () => {
      const { operId, first } = await twoMerchants();
      const offShelf = await added(aGoods(operId, first, { status: 2, desc: '', buyInfo: '' }));
      expect(await goods().findById(offShelf.id)).to.deep.equal(offShelf);
    });

    it('round-trips a list of pictures, odd characters included', async () => {
      const { operId, first } = await twoMerchants();
      const picList = ['https://cdn.example.com/图片 1.png', 'https://cdn.example.com/a"b\\c.jpg', '', "it's.png"];
      const item = await added(aGoods(operId, first, { picList }));
      expect((await goods().findById(item.id))?.picList).to.deep.equal(picList);
      const none = await added(aGoods(operId, first, { picList: [] }));
      expect((await goods().findById(none.id))?.picList).to.deep.equal([]);
    });

    it('honours a given id, and refuses goods of a merchant that does not exist', async () => {
      const { operId, first } = await twoMerchants();
      expect(await context().addGoods(aGoods(operId, first, { id: 77 }))).to.equal(77);
      const error = await context()
        .addGoods(aGoods(operId, 98765))
        .then(() => null, (failure: unknown) => failure);
      expect(error).to.be.instanceOf(Error);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const { operId, first } = await twoMerchants();
      const item = await added(aGoods(operId, first));
      const found = await goods().findById(item.id);
      (found?.picList as string[]).push('changed');
      found?.createdAt.setTime(0);
      expect(await goods().findById(item.id)).to.deep.equal(item);
    });
  });
}
