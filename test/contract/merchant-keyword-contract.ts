import { expect } from 'chai';
import { after } from './fixtures.js';
import type { MerchantWorld } from './merchant-world.js';

/** Names full of what SQL and LIKE would read as syntax, each in its own merchant. */
const HOSTILE_NAMES = [
  '100%纯果汁',
  'A_B烘焙',
  'C:\\路径\\小吃',
  "Joe's 咖啡",
  '"引号"火锅',
  "x' OR 1=1 -- 面馆",
  '[abc]^$.*+?(){}| 正则',
  '普通小店',
] as const;

/** The keyword filter of MerchantRepository.search, in the MerchantRepository suite. */
export function describeMerchantKeyword(world: MerchantWorld): void {
  describe('keyword', () => {
    /** Adds the merchants named `names`, oldest first; resolves to their ids by name. */
    async function named(names: readonly string[]): Promise<Map<string, number>> {
      const ids = new Map<string, number>();
      for (const [i, name] of names.entries()) ids.set(name, (await world.add({ name, brand: '', createdAt: after(i) })).id);
      return ids;
    }
    const namesFound = async (keyword: string) =>
      (await world.search({ keyword })).listings.map((listing) => listing.merchant.name).sort();

    it('matches name, brand or category name, ignoring ASCII case', async () => {
      const coffee = await world.addCategory({ name: '咖啡' });
      await world.add({ name: 'Blue Bottle', brand: '', categoryId: coffee });
      await world.add({ name: '星巴克臻选', brand: 'Starbucks', createdAt: after(1) });
      await world.add({ name: '东来顺', brand: '老字号', createdAt: after(2) });
      expect(await namesFound('咖啡')).to.deep.equal(['Blue Bottle']);
      expect(await namesFound('STARBUCKS')).to.deep.equal(['星巴克臻选']);
      expect(await namesFound('blue bottle')).to.deep.equal(['Blue Bottle']);
      expect(await namesFound('星巴克')).to.deep.equal(['星巴克臻选']);
      expect(await namesFound('老字号')).to.deep.equal(['东来顺']);
      expect(await namesFound('茶')).to.deep.equal([]);
    });

    it('matches pattern characters, quotes and SQL literally', async () => {
      await named(HOSTILE_NAMES);
      expect(await namesFound('%')).to.deep.equal(['100%纯果汁']);
      expect(await namesFound('%纯')).to.deep.equal(['100%纯果汁']);
      expect(await namesFound('_')).to.deep.equal(['A_B烘焙']);
      expect(await namesFound('A_B')).to.deep.equal(['A_B烘焙']);
      expect(await namesFound('A%B')).to.deep.equal([]);
      expect(await namesFound('\\')).to.deep.equal(['C:\\路径\\小吃']);
      expect(await namesFound('\\%')).to.deep.equal([]);
      expect(await namesFound("'")).to.deep.equal(["Joe's 咖啡", "x' OR 1=1 -- 面馆"]);
      expect(await namesFound('"')).to.deep.equal(['"引号"火锅']);
      expect(await namesFound("' OR 1=1 --")).to.deep.equal(["x' OR 1=1 -- 面馆"]);
      expect(await namesFound("' OR '1'='1")).to.deep.equal([]);
      expect(await namesFound('.*')).to.deep.equal(['[abc]^$.*+?(){}| 正则']);
      expect(await namesFound('[a')).to.deep.equal(['[abc]^$.*+?(){}| 正则']);
      expect(await namesFound('1=1; DROP TABLE merchants; --')).to.deep.equal([]);
      expect((await world.search()).total).to.equal(HOSTILE_NAMES.length);
    });

    it('counts the total of a keyword search, and never lists disabled merchants', async () => {
      await world.add({ name: '火锅一号' });
      await world.add({ name: '火锅二号', createdAt: after(1) });
      await world.add({ name: '火锅停业', status: 2, createdAt: after(2) });
      const { total, listings } = await world.search({ keyword: '火锅', pageSize: 1 });
      expect(total).to.equal(2);
      expect(listings.map((listing) => listing.merchant.name)).to.deep.equal(['火锅二号']);
      expect(await namesFound('停业')).to.deep.equal([]);
    });

    it('matches emoji and supplementary characters exactly', async () => {
      await named(['拉面🍜', '寿司🍣', '𠮷野家']);
      expect(await namesFound('🍜')).to.deep.equal(['拉面🍜']);
      expect(await namesFound('𠮷')).to.deep.equal(['𠮷野家']);
      expect(await namesFound('🍕')).to.deep.equal([]);
    });
  });
}
