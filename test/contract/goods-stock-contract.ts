import { expect } from 'chai';
import { caught } from '../adapters/support/caught.js';
import { aGoods, aMerchant, seedOwners } from './catalog-fixtures.js';
import { inParallel } from './fixtures.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The stock writes of GoodsRepository: taken only when there is enough, never below zero. */
export function describeGoodsStockContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`GoodsRepository stock [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const goods = () => context().repositories.goods;
    const stockOf = async (id: number) => (await goods().findById(id))!.stock;
    const soldOf = async (id: number) => (await goods().findById(id))!.sellNumber;

    let owners: Promise<{ operId: number; merchantId: number }> | null = null;
    beforeEach(() => {
      owners = null;
    });
    /** An oper and a merchant, made once per test. */
    function seller() {
      owners ??= seedOwners(context()).then(async ({ operId, categoryId }) => ({
        operId,
        merchantId: await context().addMerchant(aMerchant(operId, categoryId)),
      }));
      return owners;
    }

    /** Goods with the stock given (null: unlimited), and goods beside them with a stock of 100. */
    async function goodsWithStock(stock: number | null, sellNumber = 0): Promise<{ id: number; beside: number }> {
      const { operId, merchantId } = await seller();
      const id = await context().addGoods(aGoods(operId, merchantId, { stock, sellNumber }));
      const beside = await context().addGoods(aGoods(operId, merchantId, { name: '旁边的', stock: 100, sellNumber: 7 }));
      return { id, beside };
    }

    it('takes units from a stock that has them, down to zero', async () => {
      const { id, beside } = await goodsWithStock(5);
      expect(await goods().reserveStock(id, 2)).to.equal(true);
      expect(await stockOf(id)).to.equal(3);
      expect(await goods().reserveStock(id, 3)).to.equal(true);
      expect(await stockOf(id)).to.equal(0);
      expect(await stockOf(beside)).to.equal(100);
    });

    it('refuses, taking nothing, when the stock is short', async () => {
      const { id } = await goodsWithStock(2);
      expect(await goods().reserveStock(id, 3)).to.equal(false);
      expect(await stockOf(id)).to.equal(2);
      await goods().reserveStock(id, 2);
      expect(await goods().reserveStock(id, 1)).to.equal(false);
      expect(await stockOf(id)).to.equal(0);
    });

    it('always has units of goods without a stock limit, which stays unlimited', async () => {
      const { id } = await goodsWithStock(null);
      expect(await goods().reserveStock(id, 99)).to.equal(true);
      expect(await stockOf(id)).to.equal(null);
    });

    it('has no units of goods that do not exist', async () => {
      await goodsWithStock(5);
      expect(await goods().reserveStock(98765, 1)).to.equal(false);
    });

    it('gives exactly 5 of 20 racing buyers of one unit a unit of a stock of 5, never going below zero', async () => {
      const { id } = await goodsWithStock(5);
      const results = await inParallel(20, () => goods().reserveStock(id, 1));
      expect(results.filter(Boolean)).to.have.length(5);
      expect(await stockOf(id)).to.equal(0);
    });

    it('gives exactly 3 of 10 racing transactions taking 2 units of a stock of 7 their units', async () => {
      const { id } = await goodsWithStock(7);
      const results = await inParallel(10, () => context().unitOfWork.run(({ goods: inside }) => inside.reserveStock(id, 2)));
      expect(results.filter(Boolean)).to.have.length(3);
      expect(await stockOf(id)).to.equal(1);
    });

    it('gives back nothing taken in a transaction that rolls back', async () => {
      const { id } = await goodsWithStock(5);
      await caught(
        context().unitOfWork.run(async ({ goods: inside }) => {
          await inside.reserveStock(id, 4);
          throw new Error('boom');
        }),
      );
      expect(await stockOf(id)).to.equal(5);
    });

    it('gives units back to a limited stock only', async () => {
      const limited = await goodsWithStock(0);
      await goods().releaseStock(limited.id, 3);
      expect(await stockOf(limited.id)).to.equal(3);
      expect(await stockOf(limited.beside)).to.equal(100);
      const { id } = await goodsWithStock(null);
      await goods().releaseStock(id, 3);
      expect(await stockOf(id)).to.equal(null);
      await goods().releaseStock(98765, 1);
    });

    it('counts units sold, every one of 20 racing calls', async () => {
      const { id, beside } = await goodsWithStock(null, 12);
      await goods().addSold(id, 3);
      expect(await soldOf(id)).to.equal(15);
      await inParallel(20, () => goods().addSold(id, 1));
      expect(await soldOf(id)).to.equal(35);
      expect(await soldOf(beside)).to.equal(7);
      await goods().addSold(98765, 1);
    });

    it('refuses a count of units that is not a positive whole number, changing nothing', async () => {
      const { id } = await goodsWithStock(5, 2);
      for (const units of [0, -1, 1.5, Number.NaN]) {
        expect(await caught(goods().reserveStock(id, units)), `reserve ${units}`).to.be.instanceOf(RangeError);
        expect(await caught(goods().releaseStock(id, units)), `release ${units}`).to.be.instanceOf(RangeError);
        expect(await caught(goods().addSold(id, units)), `sold ${units}`).to.be.instanceOf(RangeError);
      }
      expect([await stockOf(id), await soldOf(id)]).to.deep.equal([5, 2]);
    });
  });
}
