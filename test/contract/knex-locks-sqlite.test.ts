import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, KnexUnitOfWork, migrateLatest } from '../../adapters/knex/index.js';

describe('KnexLocks on a SQLite file (the database write lock, no row written)', () => {
  let folder: string;
  let file: string;
  const opened: Knex[] = [];
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'o2o-locks-'));
    file = join(folder, 'o2o.sqlite');
    await migrateLatest(open());
  });
  afterEach(async () => {
    for (const knex of opened.splice(0)) await knex.destroy();
    rmSync(folder, { recursive: true, force: true });
  });
  const open = () => {
    const knex = createKnex(`sqlite:${file}`);
    opened.push(knex);
    return knex;
  };
  // Waiting across processes is the database write lock's, which a second connection in this process
  // cannot show (better-sqlite3 waits synchronously, holding the thread the holder needs): the
  // crash tests run instances as processes on one file.
  const walBytes = () => statSync(`${file}-wal`).size;

  it('commits a transaction that took a lock and changed nothing without appending to the WAL (no fsync)', async () => {
    const uow = new KnexUnitOfWork(opened[0]!);
    await uow.run(({ users }) => users.findOrCreateByMobile('13800000000', '甲', new Date(1)));
    const before = walBytes();
    const found = await uow.run(async ({ locks, users }) => {
      await locks.acquire('order:202611281000000000000001');
      return users.findByMobile('13800000000');
    });
    expect(found?.name).to.equal('甲');
    expect(walBytes()).to.equal(before);
    await uow.run(async ({ locks, users }) => {
      await locks.acquire('order:202611281000000000000001');
      await users.findOrCreateByMobile('13800000001', '乙', new Date(2));
    });
    expect(walBytes()).to.be.greaterThan(before);
  });
});
