import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Locks } from '../../core/index.js';
import { dialectOf } from './dialect.js';

/** The longest name the `locks` key holds. */
const MAX_NAME_LENGTH = 191;

function storedName(name: string): string {
  return name.length <= MAX_NAME_LENGTH ? name : `sha256:${createHash('sha256').update(name).digest('hex')}`;
}

/**
 * Named locks, held until the transaction ends; meaningful only on repositories bound to a
 * transaction (a UnitOfWork, or a knex transaction).
 *
 * MySQL: a row of `locks` per name, upserted (a no-op update when it exists, which takes the row's
 * exclusive lock at once, so waiters cannot deadlock by upgrading a shared lock), then locked with
 * `SELECT … FOR UPDATE`. Reads made after `acquire` see what the previous holder committed (MySQL
 * connections run READ COMMITTED, see createKnex). Names longer than 191 characters are stored as
 * their SHA-256.
 *
 * SQLite has one writer at a time for the whole database: every lock is that one. `acquire` makes
 * the transaction the writer at once (a write statement that changes no row takes the database's
 * write lock until the transaction ends, waiting for another process's writer up to the busy
 * timeout), and within a process the one connection serialises transactions. It writes no row, so a
 * transaction that finds nothing to change (a duplicate notification) commits without a write to
 * the WAL, hence without an fsync.
 */
export class KnexLocks implements Locks {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async acquire(name: string): Promise<void> {
    if (dialectOf(this.db) === 'sqlite') {
      await this.db.raw('UPDATE locks SET name = name WHERE 0');
      return;
    }
    const key = storedName(name);
    await this.db('locks').insert({ name: key }).onConflict('name').merge(['name']);
    await this.db('locks').select('name').where({ name: key }).forUpdate();
  }
}
