import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, firstInOrder, insertCategory, insertMerchant, insertOper, MerchantPointIndex, migrateLatest } from '../../../adapters/knex/index.js';
import { boundingBox, distanceInMetres, type GeoPoint } from '../../../core/index.js';
import { aCategory, aMerchant, east, north, ORIGIN } from '../../contract/catalog-fixtures.js';
import { operWithoutPay } from '../../contract/fixtures.js';

describe('MerchantPointIndex [sqlite]', () => {
  let knex: Knex;
  let add: (metresNorth: number, status?: 1 | 2) => Promise<number>;
  let operId: number;
  let categoryId: number;
  let version = 0;
  beforeEach(async () => {
    knex = createKnex('sqlite::memory:');
    await migrateLatest(knex);
    operId = (await insertOper(knex, operWithoutPay(1))).id;
    categoryId = await insertCategory(knex, aCategory());
    add = (metres, status = 1) => insertMerchant(knex, aMerchant(operId, categoryId, { location: north(metres), status }));
  });
  afterEach(() => knex.destroy());
  const box = boundingBox(ORIGIN, 1001);

  it('answers null until an index of the current version is built, then from it, nearest first', async () => {
    const index = new MerchantPointIndex(knex, async () => version);
    const far = await add(800);
    const near = await add(100);
    await add(50, 2);
    await add(5000);
    expect(await index.within(ORIGIN, 1000, box, 0, 10)).to.equal(null);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box, 0, 10)).to.deep.equal({
      total: 2,
      page: [
        { id: near, distance: 100 },
        { id: far, distance: 800 },
      ],
    });
    expect(await index.within(ORIGIN, 1000, box, 1, 10)).to.deep.equal({ total: 2, page: [{ id: far, distance: 800 }] });
  });

  it('never answers from an index older than the version it is told', async () => {
    const index = new MerchantPointIndex(knex, async () => version);
    await add(100);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box, 0, 10)).to.have.nested.property('total', 1);
    await add(200);
    version++;
    expect(await index.within(ORIGIN, 1000, box, 0, 10)).to.equal(null);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box, 0, 10)).to.have.nested.property('total', 2);
  });

  it('reports a failed build and keeps answering null, so that searches read the table', async () => {
    const failures: unknown[] = [];
    const index = new MerchantPointIndex(knex, async () => version, (error) => failures.push(error));
    await knex.schema.dropTable('goods');
    await knex.schema.dropTable('merchants');
    await index.ready();
    expect(failures).to.have.length(1);
    expect(await index.within(ORIGIN, 1000, box, 0, 10)).to.equal(null);
  });

  it('counts and orders exactly as every distance measured one by one, at the radius and among ties', async () => {
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const placed: Array<{ id: number; at: GeoPoint }> = [];
    const place = async (at: GeoPoint) => placed.push({ id: await insertMerchant(knex, aMerchant(operId, categoryId, { location: at })), at });
    // Scattered over the box and past it; right at the radius (999.4 to 1000.6 m, where whole
    // metres round either way); and several at one spot, to be told apart by id.
    for (let i = 0; i < 250; i++) await place(east((next() - 0.5) * 2400, north((next() - 0.5) * 2400)));
    for (const metres of [999.4, 999.5, 999.6, 1000, 1000.4, 1000.49, 1000.5, 1000.6]) await place(north(metres));
    for (let i = 0; i < 4; i++) await place(east(300, north(400)));
    const index = new MerchantPointIndex(knex, async () => version);
    await index.ready();
    const expected = placed
      .map(({ id, at }) => ({ id, distance: distanceInMetres(ORIGIN, at) }))
      .filter(({ distance }) => distance <= 1000)
      .sort((a, b) => a.distance - b.distance || a.id - b.id);
    for (const [offset, limit] of [[0, 15], [0, 1], [14, 15], [0, 1000], [expected.length - 3, 15], [expected.length, 5]] as const) {
      expect(await index.within(ORIGIN, 1000, box, offset, limit), `offset ${offset}, limit ${limit}`).to.deep.equal({
        total: expected.length,
        page: expected.slice(offset, offset + limit),
      });
    }
  });

  it('answers an empty list when no merchant is enabled', async () => {
    const index = new MerchantPointIndex(knex, async () => version);
    await add(100, 2);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box, 0, 10)).to.deep.equal({ total: 0, page: [] });
  });
});

describe('firstInOrder', () => {
  it('gives the first k of a full sort, ties broken the same way, for every k', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (const n of [0, 1, 2, 5, 40, 301]) {
      const keys = Array.from({ length: n }, () => Math.floor(next() * 20));
      const before = (a: number, b: number) => keys[a]! - keys[b]! || b - a;
      const sorted = Array.from({ length: n }, (_, i) => i).sort(before);
      for (const k of [0, 1, 3, 15, Math.floor(n / 2), n - 1, n]) {
        if (k < 0 || k > n) continue;
        expect(firstInOrder(n, k, before), `n ${n}, k ${k}`).to.deep.equal(sorted.slice(0, k));
      }
    }
  });
});
