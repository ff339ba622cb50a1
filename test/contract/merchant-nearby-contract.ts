import { expect } from 'chai';
import { boundingBox, distanceInMetres, type GeoPoint } from '../../core/index.js';
import { aGoods, east, north, ORIGIN } from './catalog-fixtures.js';
import { after, HOUR } from './fixtures.js';
import type { MerchantWorld } from './merchant-world.js';

function insideBox(point: GeoPoint, radius: number): boolean {
  const box = boundingBox(ORIGIN, radius);
  return point.lat >= box.minLat && point.lat <= box.maxLat && point.lng >= box.minLng && point.lng <= box.maxLng;
}

/** Search by radius around an origin, in the MerchantRepository suite. */
export function describeMerchantNearby(world: MerchantWorld): void {
  describe('search within a radius', () => {
    const at = (metresNorth: number, overrides = {}) => world.add({ location: north(metresNorth), ...overrides });
    const nearby = (radius: number, page = 1, pageSize = 20) => world.searchIds({ origin: ORIGIN, radius, page, pageSize });

    it('includes a merchant whose distance rounds to the radius, even on the edge of the box', async () => {
      const edge = await at(1000.4);
      const outside = await at(1000.6, { createdAt: after(1) });
      expect(distanceInMetres(ORIGIN, edge.location)).to.equal(1000);
      expect(distanceInMetres(ORIGIN, outside.location)).to.equal(1001);
      expect(insideBox(edge.location, 1000), 'the edge merchant lies just outside the exact box').to.equal(false);
      expect(await nearby(1000)).to.deep.equal({ total: 1, ids: [edge.id] });
      expect(await nearby(1001)).to.deep.equal({ total: 2, ids: [edge.id, outside.id] });
      expect(await nearby(999)).to.deep.equal({ total: 0, ids: [] });
    });

    it('excludes a merchant in the corner of the box, outside the circle', async () => {
      const corner = await world.add({ location: east(750, north(750)) });
      const inside = await world.add({ location: east(700), createdAt: after(1) });
      expect(insideBox(corner.location, 1000)).to.equal(true);
      expect(distanceInMetres(ORIGIN, corner.location)).to.be.above(1000);
      expect(await nearby(1000)).to.deep.equal({ total: 1, ids: [inside.id] });
      expect((await nearby(1100)).ids).to.deep.equal([inside.id, corner.id]);
    });

    it('lists enabled merchants nearest first, then by id, whatever their age', async () => {
      const m300 = await at(300, { createdAt: after(3 * HOUR) });
      const m100a = await at(100, { createdAt: after(-HOUR) });
      const m700 = await at(700, { createdAt: after(4 * HOUR) });
      const m100b = await world.add({ location: east(100), createdAt: after(5 * HOUR) });
      await at(2000);
      await at(50, { status: 2 });
      const { total, listings } = await world.search({ origin: ORIGIN, radius: 1000 });
      expect(total).to.equal(4);
      expect(listings.map((listing) => [listing.merchant.id, listing.distance])).to.deep.equal([
        [m100a.id, 100],
        [m100b.id, distanceInMetres(ORIGIN, m100b.location)],
        [m300.id, 300],
        [m700.id, 700],
      ]);
      expect(distanceInMetres(ORIGIN, m100b.location)).to.equal(100);
    });

    it('pages: page 2 continues the order, a page past the end is empty with the right total', async () => {
      const ids = [];
      for (const metres of [500, 100, 400, 200, 300]) ids.push((await at(metres)).id);
      const nearestFirst = [ids[1], ids[3], ids[4], ids[2], ids[0]];
      await at(5000);
      expect(await nearby(1000, 1, 2)).to.deep.equal({ total: 5, ids: nearestFirst.slice(0, 2) });
      expect(await nearby(1000, 2, 2)).to.deep.equal({ total: 5, ids: nearestFirst.slice(2, 4) });
      expect(await nearby(1000, 3, 2)).to.deep.equal({ total: 5, ids: nearestFirst.slice(4) });
      expect(await nearby(1000, 4, 2)).to.deep.equal({ total: 5, ids: [] });
    });

    it('gives whole listings: merchant, category name, lowest price and distance', async () => {
      const merchant = await at(250, { name: '夜宵🍢' });
      await world.context().addGoods(aGoods(world.operId(), merchant.id, { price: 1500 }));
      const { listings } = await world.search({ origin: ORIGIN, radius: 300 });
      expect(listings).to.deep.equal([{ merchant, categoryName: '美食', lowestPrice: 1500, distance: 250 }]);
    });

    it('finds nothing, with total 0, when no merchant is within the radius', async () => {
      await at(20_000);
      expect(await nearby(5000)).to.deep.equal({ total: 0, ids: [] });
    });
  });
}
