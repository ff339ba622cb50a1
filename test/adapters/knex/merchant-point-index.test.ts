import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, firstInOrder, insertCategory, insertMerchant, insertOper, MerchantPointIndex, migrateLatest } from '../../../adapters/knex/index.js';
import { boundingBox } from '../../../core/index.js';
import { aCategory, aMerchant, north, ORIGIN } from '../../contract/catalog-fixtures.js';
import { operWithoutPay } from '../../contract/fixtures.js';

describe('MerchantPointIndex [sqlite]', () => {
  let knex: Knex;
  let add: (metresNorth: number, status?: 1 | 2) => Promise<number>;
  let version = 0;
  beforeEach(async () => {
    knex = createKnex('sqlite::memory:');
    await migrateLatest(knex);
    const operId = (await insertOper(knex, operWithoutPay(1))).id;
    const categoryId = await insertCategory(knex, aCategory());
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
