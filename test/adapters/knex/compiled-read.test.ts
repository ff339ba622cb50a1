import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex } from '../../../adapters/knex/index.js';
import { CompiledRead } from '../../../adapters/knex/compiled-read.js';
import { sqliteReaderOf } from '../../../adapters/knex/connect.js';

const TABLE = 'compiled_read_probe';

interface ProbeRow {
  id: number;
  name: string;
  status: number;
}

const folder = mkdtempSync(join(tmpdir(), 'o2o-compiled-read-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const databases: Array<[string, string]> = [
  ['sqlite in memory', 'sqlite::memory:'],
  ['sqlite file', `sqlite:${join(folder, 'probe.sqlite')}`],
];
if (process.env['TEST_MYSQL_URL']) databases.push(['mysql', process.env['TEST_MYSQL_URL']]);

for (const [label, url] of databases) {
  describe(`CompiledRead [${label}]`, () => {
    let knex: Knex;
    before(async () => {
      knex = createKnex(url);
      await knex.schema.dropTableIfExists(TABLE);
      await knex.schema.createTable(TABLE, (t) => {
        t.integer('id').primary();
        t.string('name', 32).notNullable();
        t.integer('status').notNullable();
      });
      await knex(TABLE).insert([
        { id: 1, name: '涮肉', status: 1 },
        { id: 2, name: '咖啡', status: 1 },
        { id: 3, name: '烤鸭', status: 2 },
        { id: 4, name: '火锅', status: 1 },
      ]);
    });
    after(async () => {
      await knex.schema.dropTableIfExists(TABLE);
      await knex.destroy();
    });

    const byIds = new CompiledRead<ProbeRow>((db, ids) =>
      db(TABLE).select('id', 'name', 'status').where('status', 1).whereIn('id', ids as number[]).orderBy('id'),
    );
    const byName = new CompiledRead<ProbeRow>((db, name) => db(TABLE).where({ name }).limit(1));

    it('answers what the same knex query answers, for each length of a list and each value', async () => {
      for (const ids of [[1], [1, 3], [4, 2, 1], [3], [9, 8, 7, 6, 2]]) {
        const expected = await knex(TABLE).select('id', 'name', 'status').where('status', 1).whereIn('id', ids).orderBy('id');
        expect(await byIds.rows(knex, ids)).to.deep.equal(expected);
      }
      expect(await byName.first(knex, '火锅')).to.deep.equal({ id: 4, name: '火锅', status: 1 });
      expect(await byName.first(knex, 'nothing')).to.equal(undefined);
    });

    it('keeps the constants of the query (its status, its limit) whatever the values', async () => {
      expect((await byIds.rows(knex, [3])).length).to.equal(0);
      const all = new CompiledRead<ProbeRow>((db, status) => db(TABLE).where({ status }).orderBy('id').limit(2));
      expect((await all.rows(knex, 1)).map((row) => row.id)).to.deep.equal([1, 2]);
    });

    it('reads inside a transaction what the transaction wrote, and through the pool once it committed', async () => {
      await knex.transaction(async (trx) => {
        await trx(TABLE).insert({ id: 5, name: '麻辣烫', status: 1 });
        expect(await byName.first(trx, '麻辣烫')).to.deep.equal({ id: 5, name: '麻辣烫', status: 1 });
      });
      expect(await byName.first(knex, '麻辣烫')).to.deep.equal({ id: 5, name: '麻辣烫', status: 1 });
    });

    if (label === 'sqlite file') {
      it('reads outside a transaction on the read-only connection: the last commit, without waiting for a transaction in progress', async () => {
        const reader = sqliteReaderOf(knex);
        expect(reader, 'a SQLite file has a reader').to.not.equal(null);
        expect(() => reader!.rows(`DELETE FROM ${TABLE} RETURNING id`, []), 'the reader cannot write').to.throw(/readonly|query_only|attempt to write/i);
        let inTransaction: ProbeRow | undefined;
        let outside: ProbeRow | undefined;
        await knex.transaction(async (trx) => {
          await trx(TABLE).insert({ id: 6, name: '烧烤', status: 1 });
          inTransaction = await byName.first(trx, '烧烤');
          // The one pooled connection is this transaction's: a read through the pool would wait for it to end.
          outside = await byName.first(knex, '烧烤');
        });
        expect(inTransaction).to.deep.equal({ id: 6, name: '烧烤', status: 1 });
        expect(outside, 'not committed yet when read').to.equal(undefined);
        expect(await byName.first(knex, '烧烤')).to.deep.equal({ id: 6, name: '烧烤', status: 1 });
      });

      it('runs point reads on a connection that maps nothing (a commit unmaps a mapped one), pages on the mapped one', async () => {
        const pages = sqliteReaderOf(knex)!;
        const point = sqliteReaderOf(knex, 'point')!;
        expect(point).to.not.equal(pages);
        expect(pages.mappedBytes()).to.be.greaterThan(0);
        expect(point.mappedBytes()).to.equal(0);
        const used: string[] = [];
        const watch = (reader: typeof point, name: string): (() => void) => {
          const rows = reader.rows.bind(reader);
          reader.rows = (sql, bindings) => (used.push(name), rows(sql, bindings));
          return () => void (reader.rows = rows);
        };
        const unwatch = [watch(pages, 'pages'), watch(point, 'point')];
        try {
          const byId = new CompiledRead<ProbeRow>((db, id) => db(TABLE).where({ id }).limit(1), 'point');
          expect(await byId.first(knex, 2)).to.deep.equal({ id: 2, name: '咖啡', status: 1 });
          expect(await byName.first(knex, '涮肉')).to.deep.equal({ id: 1, name: '涮肉', status: 1 });
        } finally {
          for (const restore of unwatch) restore();
        }
        expect(used).to.deep.equal(['point', 'pages']);
      });
    } else {
      it('has no read-only connection (in memory, MySQL): reads go through the pool', () => {
        expect(sqliteReaderOf(knex)).to.equal(null);
      });
    }

    it('refuses a query that leaves a value out of its bindings', async () => {
      const careless = new CompiledRead<ProbeRow>((db) => db(TABLE).where('status', 1));
      let failure: unknown = null;
      await careless.rows(knex, 7).catch((error: unknown) => (failure = error));
      expect(String(failure)).to.match(/a value is not a binding/);
    });
  });
}
