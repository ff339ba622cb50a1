import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, insertCategory, insertMerchant, insertOper, MerchantKeywordIndex, migrateLatest } from '../../../adapters/knex/index.js';
import { aCategory, aMerchant } from '../../contract/catalog-fixtures.js';
import { operWithoutPay } from '../../contract/fixtures.js';

describe('MerchantKeywordIndex [sqlite]', () => {
  let knex: Knex;
  let add: (name: string, createdAt: number, status?: 1 | 2) => Promise<number>;
  let version = 0;
  const T = Date.UTC(2026, 0, 1);
  beforeEach(async () => {
    knex = createKnex('sqlite::memory:');
    await migrateLatest(knex);
    const operId = (await insertOper(knex, operWithoutPay(1))).id;
    const categoryId = await insertCategory(knex, aCategory({ name: '美食' }));
    add = (name, createdAt, status = 1) =>
      insertMerchant(knex, aMerchant(operId, categoryId, { name, brand: '', createdAt: new Date(createdAt), status }));
  });
  afterEach(() => knex.destroy());

  it('ranks newest first, then by id, whatever order the ids were given in', async () => {
    const middle = await add('火锅甲', T + 2000);
    const oldest = await add('火锅乙', T);
    const newest = await add('火锅丙', T + 5000);
    const tieLow = await add('火锅丁', T + 2000);
    await add('火锅戊', T + 9000, 2);
    const index = new MerchantKeywordIndex(knex, async () => String(version));
    expect(await index.find('火锅', {}, 0, 10)).to.deep.equal({ total: 4, ids: [newest, tieLow, middle, oldest] });
    expect(await index.find('火锅', {}, 1, 2)).to.deep.equal({ total: 4, ids: [tieLow, middle] });
    expect(await index.find('锅丁', {}, 0, 10)).to.deep.equal({ total: 1, ids: [tieLow] });
    expect(await index.find('美', {}, 0, 1)).to.deep.equal({ total: 4, ids: [newest] });
  });

  it('checks a longer keyword against the texts: every pair is not enough', async () => {
    const both = await add('麻辣烫', T);
    await add('麻辣 辣烫', T + 1);
    const index = new MerchantKeywordIndex(knex, async () => String(version));
    expect(await index.find('麻辣烫', {}, 0, 10)).to.deep.equal({ total: 1, ids: [both] });
  });

  it('answers for the version it is told: a search during a rebuild waits for the new index', async () => {
    const first = await add('咖啡', T);
    const index = new MerchantKeywordIndex(knex, async () => String(version));
    expect(await index.find('咖啡', {}, 0, 10)).to.deep.equal({ total: 1, ids: [first] });
    const second = await add('咖啡馆', T + 1);
    expect(await index.find('咖啡', {}, 0, 10), 'the version did not move').to.deep.equal({ total: 1, ids: [first] });
    expect(await index.find('咖啡馆', {}, 0, 10)).to.deep.equal({ total: 0, ids: [] });
    version++;
    const [a, b] = await Promise.all([index.find('咖啡', {}, 0, 10), index.find('咖啡馆', {}, 0, 10)]);
    expect(a).to.deep.equal({ total: 2, ids: [second, first] });
    expect(b, 'a longer keyword is checked again for the new version').to.deep.equal({ total: 1, ids: [second] });
  });

  it('reports a failed build and answers null, so that searches read the table', async () => {
    const failures: unknown[] = [];
    const index = new MerchantKeywordIndex(knex, async () => String(version), (error) => failures.push(error));
    await knex.schema.dropTable('goods');
    await knex.schema.dropTable('merchants');
    expect(await index.find('火锅', {}, 0, 10)).to.equal(null);
    expect(failures).to.have.length(1);
  });

  it('answers nothing when no merchant is enabled', async () => {
    await add('火锅', T, 2);
    const index = new MerchantKeywordIndex(knex, async () => String(version));
    expect(await index.find('火锅', {}, 0, 10)).to.deep.equal({ total: 0, ids: [] });
    expect(await index.find('火锅店', { cityId: 110100 }, 0, 10)).to.deep.equal({ total: 0, ids: [] });
  });
});
