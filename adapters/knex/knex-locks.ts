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
 * Named locks as rows of `locks`, held until the transaction ends; meaningful only on repositories
 * bound to a transaction (a UnitOfWork). The row is upserted (a no-op update when it exists, which
 * on MySQL takes the row's exclusive lock at once, so waiters cannot deadlock by upgrading a shared
 * lock), then locked with `SELECT … FOR UPDATE` on MySQL. On SQLite the one connection already
 * serialises transactions, and the upsert makes this transaction the writer at once. Reads made
 * after `acquire` see what the previous holder committed (MySQL connections run READ COMMITTED,
 * see createKnex). Names longer than 191 characters are stored as their SHA-256.
 */
export class KnexLocks implements Locks {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async acquire(name: string): Promise<void> {
    const key = storedName(name);
    await this.db('locks').insert({ name: key }).onConflict('name').merge(['name']);
    if (dialectOf(this.db) === 'mysql') {
      await this.db('locks').select('name').where({ name: key }).forUpdate();
    }
  }
}
