import { expect } from 'chai';
import type { Knex } from 'knex';
import {
  insertCategory,
  insertGoods,
  insertMerchant,
  insertOper,
  KnexGoodsRepository,
  bumpCacheVersion,
  KnexMerchantRepository,
  MerchantKeywordIndex,
} from '../../adapters/knex/index.js';
import { aCategory, aGoods, aMerchant } from './catalog-fixtures.js';
import { operWithoutPay } from './fixtures.js';

/**
 * How the knex catalog repositories read rows that its writers would not make (written by older
 * tools or by hand): what no other adapter can hold, so not part of the port contracts.
 */
export function describeKnexCatalogRowsContract(
  adapterName: string,
  makeKnex: () => Promise<Knex>,
  release: (knex: Knex) => Promise<void>,
): void {
  describe(`knex catalog rows [${adapterName}]`, () => {
    let knex: Knex;
    let operId: number;
    let merchantId: number;
    beforeEach(async () => {
      knex = await makeKnex();
      operId = (await insertOper(knex, operWithoutPay(1))).id;
      merchantId = await insertMerchant(knex, aMerchant(operId, await insertCategory(knex, aCategory())));
    });
    afterEach(() => release(knex));

    const picListRead = async (stored: string | null) => {
      const id = await insertGoods(knex, aGoods(operId, merchantId));
      await knex('goods').where({ id }).update({ pic_list: stored });
      return (await new KnexGoodsRepository(knex).findById(id))?.picList;
    };

    it('reads a pic_list that is not a JSON array as no pictures', async () => {
      for (const stored of ['', null, 'not json', '{"0":"a.jpg"}', '"a.jpg"', 'null', '[']) {
        expect(await picListRead(stored), String(stored)).to.deep.equal([]);
      }
    });

    it('keeps only the strings of a pic_list array', async () => {
      expect(await picListRead('["a.jpg", 3, null, "b.jpg", ["c.jpg"]]')).to.deep.equal(['a.jpg', 'b.jpg']);
    });

    it('finds a merchant by its new name, brand or category once an outside change raised the version', async () => {
      const versions = async () => {
        const rows: Array<{ name: string; version: number }> = await knex('cache_versions').select('name', 'version');
        return JSON.stringify(rows.map((row) => [row.name, Number(row.version)]).sort());
      };
      const repository = new KnexMerchantRepository(knex, undefined, null, new MerchantKeywordIndex(knex, versions));
      const names = async (keyword: string) => (await repository.search({ keyword, page: 1, pageSize: 10 })).listings.map((l) => l.merchant.name);
      expect(await names('涮肉')).to.deep.equal(['老北京涮肉']);
      await knex('merchants').where({ id: merchantId }).update({ name: '新派火锅' });
      // Unannounced, the change is not seen: the index answers for the version it was built at.
      expect(await names('火锅')).to.deep.equal([]);
      await bumpCacheVersion(knex, 'merchants');
      expect(await names('涮肉')).to.deep.equal([]);
      expect(await names('火锅')).to.deep.equal(['新派火锅']);
      expect(await names('新派火')).to.deep.equal(['新派火锅']);
      const categoryId = Number((await knex('merchants').where({ id: merchantId }).first('merchant_category_id')).merchant_category_id);
      await knex('merchant_categories').where({ id: categoryId }).update({ name: '川味' });
      await bumpCacheVersion(knex, 'categories');
      expect(await names('川')).to.deep.equal(['新派火锅']);
      await knex('merchants').where({ id: merchantId }).update({ status: 2 });
      await bumpCacheVersion(knex, 'merchants');
      expect(await names('火锅')).to.deep.equal([]);
    });

    it('reads a NULL desc or buy_info as empty text', async () => {
      const goodsId = await insertGoods(knex, aGoods(operId, merchantId));
      await knex('goods').where({ id: goodsId }).update({ desc: null, buy_info: null });
      await knex('merchants').where({ id: merchantId }).update({ desc: null });
      const goods = await new KnexGoodsRepository(knex).findById(goodsId);
      expect([goods?.desc, goods?.buyInfo]).to.deep.equal(['', '']);
      expect((await new KnexMerchantRepository(knex).findListing(merchantId, null))?.merchant.desc).to.equal('');
    });

    it('stores pic_list as a JSON array', async () => {
      const id = await insertGoods(knex, aGoods(operId, merchantId, { picList: ['a.jpg', '图.png'] }));
      expect(await knex('goods').where({ id }).first('pic_list')).to.deep.equal({ pic_list: '["a.jpg","图.png"]' });
    });
  });
}
