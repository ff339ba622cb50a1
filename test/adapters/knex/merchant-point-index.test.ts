import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, insertCategory, insertMerchant, insertOper, MerchantPointIndex, migrateLatest } from '../../../adapters/knex/index.js';
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
    expect(await index.within(ORIGIN, 1000, box)).to.equal(null);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box)).to.deep.equal([
      { id: near, distance: 100 },
      { id: far, distance: 800 },
    ]);
  });

  it('never answers from an index older than the version it is told', async () => {
    const index = new MerchantPointIndex(knex, async () => version);
    await add(100);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box)).to.have.length(1);
    await add(200);
    version++;
    expect(await index.within(ORIGIN, 1000, box)).to.equal(null);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box)).to.have.length(2);
  });

  it('reports a failed build and keeps answering null, so that searches read the table', async () => {
    const failures: unknown[] = [];
    const index = new MerchantPointIndex(knex, async () => version, (error) => failures.push(error));
    await knex.schema.dropTable('goods');
    await knex.schema.dropTable('merchants');
    await index.ready();
    expect(failures).to.have.length(1);
    expect(await index.within(ORIGIN, 1000, box)).to.equal(null);
  });

  it('answers an empty list when no merchant is enabled', async () => {
    const index = new MerchantPointIndex(knex, async () => version);
    await add(100, 2);
    await index.ready();
    expect(await index.within(ORIGIN, 1000, box)).to.deep.equal([]);
  });
});
