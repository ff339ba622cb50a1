import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, dialectOf, migrateLatest } from '../../adapters/knex/index.js';

describe('createKnex [sqlite]', () => {
  let folder: string;
  const opened: Knex[] = [];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'o2o-connect-'));
  });
  afterEach(async () => {
    for (const knex of opened.splice(0)) await knex.destroy();
    rmSync(folder, { recursive: true, force: true });
  });
  const open = (url: string) => {
    const knex = createKnex(url);
    opened.push(knex);
    return knex;
  };
  const pragma = async (knex: Knex, name: string) => Object.values((await knex.raw(`PRAGMA ${name}`))[0])[0];

  it('creates the parent folders of a file database, in WAL mode with foreign keys on', async () => {
    const knex = open(`sqlite:${join(folder, 'nested', 'deeper', 'o2o.sqlite')}`);
    await migrateLatest(knex);
    expect(await pragma(knex, 'journal_mode')).to.equal('wal');
    // NORMAL: each commit then waits for a sync of the log shared with the commits beside it (group commit).
    expect(await pragma(knex, 'synchronous')).to.equal(1);
    expect(await pragma(knex, 'foreign_keys')).to.equal(1);
    expect(await pragma(knex, 'busy_timeout')).to.be.at.least(1000);
  });

  it('keeps the data of a file database for the next instance', async () => {
    const url = `sqlite:${join(folder, 'o2o.sqlite')}`;
    const first = open(url);
    await migrateLatest(first);
    await first('users').insert({ name: '甲', mobile: '13800000000', created_at: 1, updated_at: 1 });
    await first.destroy();
    opened.splice(opened.indexOf(first), 1);
    expect(await open(url)('users').select('name')).to.deep.equal([{ name: '甲' }]);
  });

  it('keeps an in-memory database for the life of the instance, with foreign keys on', async () => {
    const knex = open('sqlite::memory:');
    await migrateLatest(knex);
    await knex.transaction((trx) => trx('users').insert({ name: 'a', mobile: '13800000000', created_at: 1, updated_at: 1 }));
    expect(await knex('users').count({ n: '*' })).to.deep.equal([{ n: 1 }]);
    expect(knex.client.config.pool).to.include({ min: 1, max: 1, idleTimeoutMillis: Number.MAX_SAFE_INTEGER });
    expect(await pragma(knex, 'foreign_keys')).to.equal(1);
  });

  it('reuses the prepared statement of the same SQL, and still sees schema changes and new rows', async () => {
    const knex = open('sqlite::memory:');
    const connection = await knex.client.acquireConnection();
    try {
      expect(connection.prepare('SELECT 1 AS one')).to.equal(connection.prepare('SELECT 1 AS one'));
      expect(connection.prepare('SELECT 2 AS two')).to.not.equal(connection.prepare('SELECT 1 AS one'));
    } finally {
      await knex.client.releaseConnection(connection);
    }
    await knex.raw('CREATE TABLE t (a INTEGER)');
    const read = () => knex('t').select('*');
    expect(await read()).to.deep.equal([]);
    await knex('t').insert({ a: 1 });
    expect(await read()).to.deep.equal([{ a: 1 }]);
    await knex.raw('ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 2');
    expect(await read()).to.deep.equal([{ a: 1, b: 2 }]);
  });

  it('runs a bound LIMIT written into the SQL, one statement per limit, with the rows a bound one gives', async () => {
    const knex = open('sqlite::memory:');
    await knex.raw('CREATE TABLE t (a INTEGER)');
    await knex('t').insert([1, 2, 3, 4, 5].map((a) => ({ a })));
    const values = (rows: Array<{ a: unknown }>) => rows.map((row) => row.a);
    for (const n of [1, 3, 1, 5, 0]) expect(values(await knex('t').orderBy('a').limit(n))).to.deep.equal([1, 2, 3, 4, 5].slice(0, n));
    expect(await knex('t').orderBy('a', 'desc').first()).to.deep.equal({ a: 5 });
    expect(values(await knex('t').orderBy('a').limit(2).offset(3))).to.deep.equal([4, 5]);
    expect(values(await knex('t').orderBy('a').limit(2).offset(1))).to.deep.equal([2, 3]);
    expect(values(await knex('t').orderBy('a').offset(4))).to.deep.equal([5]);
    expect(await knex('t').where('a', 3).first().options({ safeIntegers: true })).to.deep.equal({ a: 3n });
    expect(await knex('t').where('a', 3).first()).to.deep.equal({ a: 3 });
    await knex.transaction(async (trx) => {
      await trx('t').insert({ a: 6 });
      expect(await trx('t').orderBy('a', 'desc').first()).to.deep.equal({ a: 6 });
    });
    const connection = await knex.client.acquireConnection();
    try {
      const statement = connection.prepare('SELECT a FROM t WHERE a > ? ORDER BY a LIMIT ?');
      expect(statement.reader).to.equal(true);
      expect(statement.all([1, 2])).to.deep.equal([{ a: 2 }, { a: 3 }]);
      expect(statement.all([4, 1])).to.deep.equal([{ a: 5 }]);
      expect(statement.get([0, 9])).to.deep.equal({ a: 1 });
      expect(statement.all([1, '2'])).to.deep.equal([{ a: 2 }, { a: 3 }]);
    } finally {
      await knex.client.releaseConnection(connection);
    }
  });

  it('tells the dialect of an instance and of its transactions', async () => {
    const knex = open('sqlite::memory:');
    expect(dialectOf(knex)).to.equal('sqlite');
    expect(await knex.transaction(async (trx) => dialectOf(trx))).to.equal('sqlite');
  });

  it('keeps bound values out of error messages', async () => {
    const knex = open('sqlite::memory:');
    await migrateLatest(knex);
    const row = { name: 'a', mobile: '13912345678', created_at: 1, updated_at: 1 };
    await knex('users').insert(row);
    const error = await knex('users').insert(row).then(() => null, (failure: Error) => failure);
    expect(error?.message).to.match(/UNIQUE/).and.not.include('13912345678');
  });

  it('refuses a URL of another kind, and a sqlite URL without a path', () => {
    expect(() => createKnex('postgres://u:p@h/db')).to.throw(/sqlite: or mysql:/);
    expect(() => createKnex('sqlite:')).to.throw(/path/);
  });
});

describe('createKnex [mysql settings, no server needed]', () => {
  it('reads user, password, host, port and database from the URL, decoding them', async () => {
    const knex = createKnex('mysql://o2o%20user:p%40ss%3Aword@db.example:3307/o2o_test');
    try {
      expect(dialectOf(knex)).to.equal('mysql');
      expect(knex.client.config.connection).to.include({
        user: 'o2o user',
        password: 'p@ss:word',
        host: 'db.example',
        port: 3307,
        database: 'o2o_test',
        charset: 'utf8mb4',
        timezone: 'Z',
        maxPreparedStatements: 256,
      });
    } finally {
      await knex.destroy();
    }
  });

  it('connects over a socket when asked', async () => {
    const knex = createKnex('mysql://root@localhost/o2o?socket=/run/mysqld/mysqld.sock');
    try {
      expect(knex.client.config.connection).to.include({ socketPath: '/run/mysqld/mysqld.sock', database: 'o2o' });
    } finally {
      await knex.destroy();
    }
  });
});
