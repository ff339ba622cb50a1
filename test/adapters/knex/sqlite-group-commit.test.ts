import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex, KnexUnitOfWork, migrateLatest } from '../../../adapters/knex/index.js';
import { DurabilityLost, fdatasyncFile, WalSync } from '../../../adapters/knex/sqlite-group-commit.js';

/** A sync of the log that the test finishes by hand; `calls` counts the syncs begun. */
class HeldSyncs {
  calls = 0;
  private readonly pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  readonly sync = (): Promise<void> =>
    new Promise((resolve, reject) => {
      this.calls += 1;
      this.pending.push({ resolve, reject });
    });

  finish(error?: Error): void {
    const next = this.pending.shift();
    if (!next) throw new Error('no sync is running');
    if (error) next.reject(error);
    else next.resolve();
  }

  get running(): number {
    return this.pending.length;
  }
}

/** Lets every promise callback and I/O callback queued so far run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Whether `promise` has settled (after letting queued callbacks run). */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await settle();
  return settled;
}

describe('WalSync: group commit of the SQLite log', () => {
  it('starts a sync for a commit when none runs, and resolves with it', async () => {
    const syncs = new HeldSyncs();
    const wal = new WalSync('/nowhere-wal', syncs.sync);
    const first = wal.durable();
    await settle();
    expect(syncs.calls).to.equal(1);
    expect(await isSettled(first)).to.equal(false);
    syncs.finish();
    await first;
  });

  it('makes the commits made while a sync runs wait for the next one, which they all share', async () => {
    const syncs = new HeldSyncs();
    const wal = new WalSync('/nowhere-wal', syncs.sync);
    const first = wal.durable();
    await settle();
    // These commits came after the running sync began: it may not cover them.
    const later = [wal.durable(), wal.durable(), wal.durable()];
    await settle();
    expect(syncs.calls).to.equal(1);
    syncs.finish();
    await first;
    expect(await isSettled(Promise.all(later))).to.equal(false);
    expect(syncs.calls).to.equal(2);
    syncs.finish();
    await Promise.all(later);
    expect(syncs.calls).to.equal(2);
  });

  it('fails the waiters of a failed sync and every later commit, without syncing again (fail closed)', async () => {
    const syncs = new HeldSyncs();
    const wal = new WalSync('/nowhere-wal', syncs.sync);
    const first = wal.durable();
    await settle();
    const queued = wal.durable();
    syncs.finish(new Error('EIO: i/o error, fdatasync'));
    for (const waiting of [first, queued, wal.durable()]) {
      const error = await waiting.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(DurabilityLost);
      expect((error as Error).message).to.match(/EIO.*no longer known to reach the disk/);
    }
    expect(syncs.calls).to.equal(1);
  });

  it('syncs a real file with fdatasync, and fails on a file that is not there', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'o2o-wal-sync-'));
    try {
      const knex = createKnex(`sqlite:${join(folder, 'real.sqlite')}`);
      await migrateLatest(knex);
      await fdatasyncFile(join(folder, 'real.sqlite-wal'));
      await knex.destroy();
      const missing = await fdatasyncFile(join(folder, 'missing-wal')).then(
        () => null,
        (error: NodeJS.ErrnoException) => error.code,
      );
      expect(missing).to.equal('ENOENT');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('SQLite commits through knex wait for the log on disk (group commit)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'o2o-group-commit-'));
  let knex: Knex;
  let syncs: HeldSyncs;
  let opened = 0;

  beforeEach(async () => {
    syncs = new HeldSyncs();
    opened += 1;
    knex = createKnex(`sqlite:${join(folder, `commit-${opened}.sqlite`)}`, { syncFile: syncs.sync });
    // Migrations commit too: let their syncs through.
    const migrating = migrateLatest(knex);
    while (!(await isSettled(migrating))) while (syncs.running > 0) syncs.finish();
    await migrating;
    syncs.calls = 0;
  });
  afterEach(async () => {
    while (syncs.running > 0) syncs.finish();
    await knex.destroy();
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const user = (mobile: string) => ({ name: mobile, mobile, created_at: 1, updated_at: 1 });
  const mobiles = async (): Promise<string[]> => ((await knex('users').orderBy('mobile').select('mobile')) as Array<{ mobile: string }>).map((row) => row.mobile);

  it('runs the log unsynced (NORMAL): the sync is the group commit', async () => {
    const rows = (await knex.raw('PRAGMA synchronous')) as Array<{ synchronous: number }>;
    expect(rows[0]?.synchronous).to.equal(1);
  });

  it('resolves a transaction only after a sync begun after its commit, and lets the next transaction commit meanwhile', async () => {
    const first = knex.transaction(async (trx) => {
      await trx('users').insert(user('13800000001'));
    });
    while (syncs.calls === 0) await settle();
    expect(await isSettled(first)).to.equal(false);
    // The connection is free while the first waits: a second transaction commits into the next sync.
    const second = knex.transaction(async (trx) => {
      await trx('users').insert(user('13800000002'));
    });
    while ((await mobiles()).length < 2) await settle();
    expect(syncs.calls).to.equal(1);
    syncs.finish();
    await first;
    expect(await isSettled(second)).to.equal(false);
    syncs.finish();
    await second;
    expect(syncs.calls).to.equal(2);
  });

  it('makes a unit of work wait the same way', async () => {
    const done = new KnexUnitOfWork(knex).run(({ users }) => users.findOrCreateByMobile('13800000003', 'u', new Date()));
    while (syncs.calls === 0) await settle();
    expect(await isSettled(done)).to.equal(false);
    syncs.finish();
    expect((await done).mobile).to.equal('13800000003');
  });

  it('makes a write outside a transaction wait for a sync; a read, a rollback or a transaction that fails wait for none', async () => {
    const written = knex('users').insert(user('13800000004'));
    const writing = Promise.resolve(written);
    while (syncs.calls === 0) await settle();
    expect(await isSettled(writing)).to.equal(false);
    syncs.finish();
    await writing;
    expect(await mobiles()).to.deep.equal(['13800000004']);
    const failed = await knex
      .transaction(async (trx) => {
        await trx('users').insert(user('13800000005'));
        throw new Error('changed my mind');
      })
      .then(
        () => null,
        (error: Error) => error.message,
      );
    expect(failed).to.equal('changed my mind');
    expect(await mobiles()).to.deep.equal(['13800000004']);
    expect(syncs.calls).to.equal(1);
  });

  it('shares syncs among transactions committed in parallel: fewer syncs than commits, every row kept', async () => {
    const uow = new KnexUnitOfWork(knex);
    const count = 40;
    const all = Promise.all(
      Array.from({ length: count }, (_, i) => uow.run(({ users }) => users.findOrCreateByMobile(String(13900000000 + i), 'u', new Date()))),
    );
    while (!(await isSettled(all))) while (syncs.running > 0) syncs.finish();
    await all;
    expect((await mobiles()).length).to.equal(count);
    expect(syncs.calls).to.be.greaterThan(0).and.lessThan(count);
  });

  it('fails the caller of a commit whose sync failed (the commit stands, unknown to be on disk), and every write after it', async () => {
    const first = knex.transaction(async (trx) => {
      await trx('users').insert(user('13800000006'));
    });
    while (syncs.calls === 0) await settle();
    syncs.finish(new Error('EIO: i/o error, fdatasync'));
    const outcome = await first.then(
      () => 'resolved',
      (error: unknown) => (error instanceof DurabilityLost ? 'durability lost' : String(error)),
    );
    expect(outcome).to.equal('durability lost');
    const later = await Promise.resolve(knex('users').insert(user('13800000007'))).then(
      () => 'resolved',
      (error: unknown) => (error instanceof DurabilityLost ? 'durability lost' : String(error)),
    );
    expect(later).to.equal('durability lost');
    expect(syncs.calls).to.equal(1);
  });

  it('refuses a transaction without a handler: nothing would wait for a commit made by hand', () => {
    expect(() => knex.transaction()).to.throw(/needs a handler/);
  });
});
