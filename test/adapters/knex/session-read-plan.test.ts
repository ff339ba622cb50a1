import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, migrateLatest } from '../../../adapters/knex/index.js';
import { SIGNED_IN, SIGNED_IN_IDENTITY_INDEX } from '../../../adapters/knex/knex-session-repository.js';

/**
 * The session read runs on every request with a token. Statistics taken while `wechat_identities`
 * held one row must not make SQLite scan that table per request once it has grown.
 */
describe('the session read on SQLite, with statistics taken on a nearly empty table', () => {
  const folder = mkdtempSync(join(tmpdir(), 'o2o-session-plan-'));
  let knex: Knex;
  before(async () => {
    knex = createKnex(`sqlite:${join(folder, 'plan.sqlite')}`);
    await migrateLatest(knex);
    const now = Date.now();
    const identity = (i: number) => ({ appid: 'wx0000000000000001', open_id: `open-${i}`, user_id: null, created_at: now, updated_at: now });
    await knex('wechat_identities').insert(identity(0));
    await knex.raw('ANALYZE');
    for (let i = 1; i <= 2000; i += 500) await knex('wechat_identities').insert(Array.from({ length: 500 }, (_, k) => identity(i + k)));
  });
  after(async () => {
    await knex.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  const planOf = async (sql: string): Promise<string[]> =>
    ((await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, ['token-hash', 1])) as Array<{ detail: string }>).map((row) => row.detail);

  it('the statistics do claim one row, and a plain join scans the identities for them', async () => {
    const stats = (await knex('sqlite_stat1').where({ tbl: 'wechat_identities' }).select('stat')) as Array<{ stat: string }>;
    expect(stats.map((row) => row.stat.split(' ')[0])).to.include('1');
    const plain = SIGNED_IN.sql(knex, 'token-hash').replace(/ indexed by `[^`]+`/, '');
    expect((await planOf(plain)).join('\n')).to.match(/SCAN w\b/);
  });

  it('looks the identity up by its unique (appid, open_id) index all the same', async () => {
    const plan = await planOf(SIGNED_IN.sql(knex, 'token-hash'));
    expect(plan.join('\n')).to.include(`SEARCH w USING INDEX ${SIGNED_IN_IDENTITY_INDEX} (appid=? AND open_id=?)`);
    expect(plan.join('\n')).to.not.match(/SCAN/);
  });
});
