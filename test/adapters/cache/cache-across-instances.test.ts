import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { VersionedCopy, VersionWatch, withCaches } from '../../../adapters/cache/index.js';
import {
  createKnex,
  insertCategory,
  insertMerchant,
  insertOper,
  KnexCacheVersions,
  knexRepositories,
  migrateLatest,
  setPlatformKey,
} from '../../../adapters/knex/index.js';
import type { Repositories } from '../../../core/index.js';
import { aCategory, aMerchant, BEIJING } from '../../contract/catalog-fixtures.js';
import { operWithPay } from '../../contract/fixtures.js';
import { FakeClock } from '../../support/fake-clock.js';
import { testDatabases, emptyTestDatabase } from '../../support/test-databases.js';

const BOUND_MS = 5000;

/** One app instance's view of the database: its own connection, clock, watch and caches. */
interface Instance {
  readonly db: Knex;
  readonly clock: FakeClock;
  readonly repositories: Repositories;
}

function instance(url: string): Instance {
  const db = createKnex(url);
  const clock = new FakeClock();
  const watch = new VersionWatch(new KnexCacheVersions(db), clock, BOUND_MS);
  const totals = new VersionedCopy<string, number>(watch, 'merchants', 100);
  const repositories = withCaches(knexRepositories(db, { merchantTotals: (key, count) => totals.get(key, count) }), watch);
  return { db, clock, repositories };
}

for (const database of testDatabases()) {
  describe(`caches across instances [${database.name}]`, () => {
    let folder: string;
    let a: Instance;
    let b: Instance;
    beforeEach(async () => {
      folder = mkdtempSync(join(tmpdir(), 'o2o-cache-'));
      // Two instances need one database both can open: a file for SQLite.
      const url = database.name === 'sqlite' ? `sqlite:${join(folder, 'shared.sqlite')}` : database.url;
      await emptyTestDatabase({ ...database, url });
      a = instance(url);
      b = instance(url);
      await migrateLatest(a.db);
    });
    afterEach(async () => {
      await a.db.destroy();
      await b.db.destroy();
      rmSync(folder, { recursive: true, force: true });
    });

    it('shows a category added through one instance to the other within the bound', async () => {
      await insertCategory(a.db, aCategory({ name: '美食' }));
      expect((await a.repositories.categories.listEnabled()).map((c) => c.name)).to.deep.equal(['美食']);
      await insertCategory(b.db, aCategory({ name: '丽人', sort: 1 }));
      a.clock.advance(BOUND_MS);
      expect((await a.repositories.categories.listEnabled()).map((c) => c.name)).to.deep.equal(['美食', '丽人']);
    });

    it('shows an oper change made through one instance to the other within the bound', async () => {
      const oper = await insertOper(a.db, operWithPay(1));
      expect((await a.repositories.opers.findById(oper.id))?.pay?.platformSerial).to.equal(oper.pay?.platformSerial);
      expect(await a.repositories.opers.findByAppid(operWithPay(2).miniProgram.appid)).to.equal(null);
      await insertOper(b.db, operWithPay(2));
      await setPlatformKey(b.db, oper.id, 'PEM', 'serial-renewed', new Date());
      a.clock.advance(BOUND_MS);
      expect((await a.repositories.opers.findById(oper.id))?.pay?.platformSerial).to.equal('serial-renewed');
      expect((await a.repositories.opers.findByAppid(operWithPay(2).miniProgram.appid))?.name).to.equal(operWithPay(2).name);
    });

    it('counts a search total once, and shows a merchant added through another instance within the bound', async () => {
      const oper = await insertOper(a.db, operWithPay(1));
      const categoryId = await insertCategory(a.db, aCategory());
      await insertMerchant(a.db, aMerchant(oper.id, categoryId, { name: '老北京涮肉' }));
      let counts = 0;
      a.db.on('query', (query: { sql: string }) => {
        if (/count\(\*\)/i.test(query.sql)) counts++;
      });
      const search = (keyword?: string) =>
        a.repositories.merchants.search({ cityId: BEIJING.cityId, ...(keyword ? { keyword } : {}), page: 1, pageSize: 10 });
      for (let i = 0; i < 5; i++) {
        expect((await search()).total).to.equal(1);
        expect((await search('涮肉')).total).to.equal(1);
      }
      expect(counts).to.equal(2);
      await insertMerchant(b.db, aMerchant(oper.id, categoryId, { name: '涮肉二店' }));
      a.clock.advance(BOUND_MS);
      expect((await search()).total).to.equal(2);
      expect((await search('涮肉')).total).to.equal(2);
      expect((await search('涮肉')).listings.map((l) => l.merchant.name)).to.have.members(['老北京涮肉', '涮肉二店']);
    });

    it('reads the versions once per bound however many requests come', async () => {
      await insertCategory(a.db, aCategory());
      let versionReads = 0;
      a.db.on('query', (query: { sql: string }) => {
        if (query.sql.includes('cache_versions')) versionReads++;
      });
      for (let i = 0; i < 20; i++) await a.repositories.categories.listEnabled();
      a.clock.advance(BOUND_MS);
      for (let i = 0; i < 20; i++) await a.repositories.categories.listEnabled();
      expect(versionReads).to.equal(2);
    });
  });
}
