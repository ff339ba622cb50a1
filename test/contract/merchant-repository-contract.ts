import { expect } from 'chai';
import { distanceInMetres } from '../../core/index.js';
import { aGoods, east, north, ORIGIN, SHANGHAI } from './catalog-fixtures.js';
import { after, HOUR } from './fixtures.js';
import { describeMerchantKeyword } from './merchant-keyword-contract.js';
import { describeMerchantKeywordIndex } from './merchant-keyword-index-contract.js';
import { describeMerchantNearby } from './merchant-nearby-contract.js';
import { useMerchantWorld } from './merchant-world.js';
import { type MakeRepositoryContext, useRepositoryContext } from './repository-context.js';

/** The MerchantRepository port: listings, filters, order and paging; keyword and nearby in their own files. */
export function describeMerchantRepositoryContract(adapterName: string, makeContext: MakeRepositoryContext): void {
  describe(`MerchantRepository [${adapterName}]`, () => {
    const context = useRepositoryContext(makeContext);
    const world = useMerchantWorld(context);
    const merchants = () => context().repositories.merchants;

    describe('findListing', () => {
      it('returns null for an unknown merchant', async () => {
        expect(await merchants().findListing(12345, null)).to.equal(null);
        expect(await merchants().findListing(12345, ORIGIN)).to.equal(null);
      });

      it('round-trips every field, unicode and emoji included, with its category name', async () => {
        const category = await world.addCategory({ name: '火锅 🍲' });
        const merchant = await world.add({
          categoryId: category,
          name: '🍲 老码头火锅（春熙路店）',
          brand: '𠮷野家 & Co.',
          address: "成都市锦江区春熙路 1 号 \"B\" 座 it's",
          location: { lng: 104.081534, lat: 30.655822 },
          businessTime: ['09:00:00', '23:59:59'],
          desc: '',
          createdAt: after(HOUR),
          ...SHANGHAI,
        });
        expect(await merchants().findListing(merchant.id, null)).to.deep.equal({
          merchant,
          categoryName: '火锅 🍲',
          lowestPrice: null,
          distance: null,
        });
      });

      it('finds a disabled merchant (the caller decides), with its distance from an origin', async () => {
        const merchant = await world.add({ status: 2, location: north(1234) });
        const listing = await merchants().findListing(merchant.id, ORIGIN);
        expect(listing?.merchant.status).to.equal(2);
        expect(listing?.distance).to.equal(distanceInMetres(ORIGIN, north(1234))).and.equal(1234);
      });

      it('refuses a merchant of a category that does not exist', async () => {
        const error = await world.add({ categoryId: 98765 }).then(() => null, (failure: unknown) => failure);
        expect(error).to.be.instanceOf(Error);
      });
    });

    describe('lowest price', () => {
      it('is the lowest price among on-shelf goods, ignoring off-shelf ones; null without any', async () => {
        const priced = await world.add({ name: 'priced' });
        const offOnly = await world.add({ name: 'off only', createdAt: after(1) });
        const bare = await world.add({ name: 'bare', createdAt: after(2) });
        for (const [price, status] of [[5000, 1], [3000, 2], [4000, 1]] as const) {
          await context().addGoods(aGoods(world.operId(), priced.id, { price, status }));
        }
        await context().addGoods(aGoods(world.operId(), offOnly.id, { price: 100, status: 2 }));
        const listed = (await world.search()).listings.map((listing) => [listing.merchant.name, listing.lowestPrice]);
        expect(listed).to.deep.equal([['bare', null], ['off only', null], ['priced', 4000]]);
        expect((await merchants().findListing(priced.id, null))?.lowestPrice).to.equal(4000);
        expect((await merchants().findListing(offOnly.id, null))?.lowestPrice).to.equal(null);
      });
    });

    describe('search without an origin', () => {
      it('lists enabled merchants only, newest first then by id, without distance', async () => {
        const old = await world.add({ createdAt: after(-HOUR) });
        const tieLow = await world.add({ createdAt: after(HOUR) });
        const tieHigh = await world.add({ createdAt: after(HOUR) });
        await world.add({ status: 2, createdAt: after(2 * HOUR) });
        const middle = await world.add({ createdAt: after(0) });
        const { total, listings } = await world.search();
        expect(total).to.equal(4);
        expect(listings.map((listing) => listing.merchant.id)).to.deep.equal([tieHigh.id, tieLow.id, middle.id, old.id]);
        for (const listing of listings) expect(listing.distance).to.equal(null);
        expect(listings[0]?.categoryName).to.equal('美食');
      });

      it('pages: page 2 continues the order, a page past the end is empty with the right total', async () => {
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push((await world.add({ createdAt: after(i * HOUR) })).id);
        const newestFirst = [...ids].reverse();
        expect(await world.searchIds({ page: 1, pageSize: 2 })).to.deep.equal({ total: 5, ids: newestFirst.slice(0, 2) });
        expect(await world.searchIds({ page: 2, pageSize: 2 })).to.deep.equal({ total: 5, ids: newestFirst.slice(2, 4) });
        expect(await world.searchIds({ page: 3, pageSize: 2 })).to.deep.equal({ total: 5, ids: newestFirst.slice(4) });
        expect(await world.searchIds({ page: 4, pageSize: 2 })).to.deep.equal({ total: 5, ids: [] });
      });

      it('lists nothing, with total 0, when there are no merchants', async () => {
        expect(await world.search()).to.deep.equal({ total: 0, listings: [] });
      });
    });

    describe('search with an origin but no radius', () => {
      it('keeps newest first and gives every listing its distance', async () => {
        const far = await world.add({ location: east(300_000), createdAt: after(HOUR) });
        const near = await world.add({ location: north(10), createdAt: after(0) });
        const { listings } = await world.search({ origin: ORIGIN });
        expect(listings.map((listing) => [listing.merchant.id, listing.distance])).to.deep.equal([
          [far.id, distanceInMetres(ORIGIN, far.location)],
          [near.id, 10],
        ]);
      });
    });

    describe('filters', () => {
      it('by city', async () => {
        const beijing = await world.add();
        await world.add({ ...SHANGHAI });
        await world.add({ status: 2 });
        expect(await world.searchIds({ cityId: 110100 })).to.deep.equal({ total: 1, ids: [beijing.id] });
        expect(await world.searchIds({ cityId: 440300 })).to.deep.equal({ total: 0, ids: [] });
      });

      it('by categories (any of the given ids); an empty list matches nothing', async () => {
        const [hotpot, coffee, bbq] = [await world.addCategory(), await world.addCategory(), await world.addCategory()];
        const a = await world.add({ categoryId: hotpot, createdAt: after(2) });
        await world.add({ categoryId: coffee, createdAt: after(1) });
        const c = await world.add({ categoryId: bbq });
        await world.add({ categoryId: bbq, status: 2 });
        expect(await world.searchIds({ categoryIds: [hotpot, bbq] })).to.deep.equal({ total: 2, ids: [a.id, c.id] });
        expect(await world.searchIds({ categoryIds: [coffee] })).to.have.property('total', 1);
        expect(await world.searchIds({ categoryIds: [] })).to.deep.equal({ total: 0, ids: [] });
      });

      it('combined: each narrows the others', async () => {
        const coffee = await world.addCategory({ name: '咖啡' });
        const match = await world.add({ categoryId: coffee, name: '星巴克', createdAt: after(3) });
        const shanghai = await world.add({ categoryId: coffee, name: '星巴克', ...SHANGHAI, createdAt: after(2) });
        await world.add({ name: '星巴克', createdAt: after(1) });
        await world.add({ categoryId: coffee, name: '瑞幸' });
        const all = { cityId: 110100, categoryIds: [coffee], keyword: '星巴克' };
        expect(await world.searchIds(all)).to.deep.equal({ total: 1, ids: [match.id] });
        expect((await world.searchIds({ keyword: '星巴克' })).total).to.equal(3);
        expect((await world.searchIds({ categoryIds: [coffee] })).total).to.equal(3);
        expect((await world.searchIds({ cityId: 110100 })).total).to.equal(3);
        expect((await world.searchIds({ cityId: 110100, keyword: '星巴克' })).total).to.equal(2);
        expect(await world.searchIds({ ...all, origin: ORIGIN, radius: 100 })).to.deep.equal({ total: 1, ids: [match.id] });
        expect(await world.searchIds({ ...all, cityId: 310100 })).to.deep.equal({ total: 1, ids: [shanghai.id] });
        expect(await world.searchIds({ cityId: 310100, keyword: '瑞幸' })).to.deep.equal({ total: 0, ids: [] });
      });
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const merchant = await world.add();
      const listing = await merchants().findListing(merchant.id, null);
      (listing?.merchant.location as { lat: number }).lat = 0;
      (listing?.merchant.businessTime as unknown as string[])[0] = 'changed';
      listing?.merchant.createdAt.setTime(0);
      expect((await merchants().findListing(merchant.id, null))?.merchant).to.deep.equal(merchant);
    });

    describeMerchantKeyword(world);
    describeMerchantKeywordIndex(world);
    describeMerchantNearby(world);
  });
}
