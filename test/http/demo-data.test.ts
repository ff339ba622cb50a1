import { expect } from 'chai';
import { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Knex } from 'knex';
import { migrateLatest } from '../../adapters/knex/migrate.js';
import { DEMO_USER, loadDemoData } from '../../apps/composition/demo/load-demo-data.js';
import { DEMO_APPS, sandboxOpenId } from '../../apps/wechat-sandbox/demo-apps.js';
import { openEmptyTestDatabase, testDatabases } from '../support/test-databases.js';

for (const database of testDatabases()) {
  describe(`demo data [${database.name}]`, () => {
    let db: Knex;
    const secrets = new SecretBox(Buffer.alloc(32, 1));
    const now = new Date('2026-11-28T02:00:00Z');

    before(async () => {
      db = await openEmptyTestDatabase(database);
      await migrateLatest(db);
    });
    after(async () => db?.destroy());

    it('fills an empty database once, and leaves a filled one alone', async () => {
      expect(await loadDemoData(db, { secrets, now })).to.equal(true);
      expect(await loadDemoData(db, { secrets, now })).to.equal(false);
      expect(await db('opers').count({ n: '*' })).to.deep.equal([{ n: 2 }]);
    });

    it('has the two opers of the contract, with their secrets sealed', async () => {
      const opers = await db('opers').orderBy('id');
      expect(opers.map((o) => [o.id, o.appid])).to.deep.equal([
        [1, 'wx0000000000000001'],
        [2, 'wx0000000000000002'],
      ]);
      expect(opers[0].app_secret_sealed).to.not.contain(DEMO_APPS[0]!.secret);
      expect(secrets.open(opers[0].app_secret_sealed)).to.equal(DEMO_APPS[0]!.secret);
    });

    it('binds the demo user to the openId of code `user` in mini program 1 only', async () => {
      const user = await db('users').where({ mobile: DEMO_USER.mobile }).first();
      const identities = await db('wechat_identities').where({ user_id: user.id });
      expect(identities.map((i) => [i.appid, i.open_id])).to.deep.equal([['wx0000000000000001', sandboxOpenId('wx0000000000000001', 'user')]]);
    });

    it('has enabled merchants of both opers in several cities, and hidden ones to test against', async () => {
      const merchants = await db('merchants').select('oper_id', 'city_id', 'status');
      for (const operId of [1, 2]) {
        const own = merchants.filter((m) => m.oper_id === operId && m.status === 1);
        expect(new Set(own.map((m) => m.city_id)).size, `oper ${operId}`).to.be.greaterThan(1);
      }
      expect(merchants.some((m) => m.status === 2)).to.equal(true);
      const goods = await db('goods').select('status', 'start_date', 'end_date', 'price', 'market_price');
      expect(goods.some((g) => g.status === 2)).to.equal(true);
      expect(goods.filter((g) => g.status === 1 && g.start_date <= '2026-11-28' && g.end_date >= '2026-11-28').length).to.be.greaterThan(8);
      expect(goods.every((g) => Number.isInteger(g.price) && g.price <= g.market_price)).to.equal(true);
    });
  });
}
