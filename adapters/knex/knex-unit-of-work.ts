import type { Knex } from 'knex';
import type { Repositories, UnitOfWork } from '../../core/index.js';
import { dialectOf } from './dialect.js';
import { knexRepositories } from './knex-repositories.js';
import { inject, injectable } from 'inversify';
import { TOKENS as T } from '../tokens.js';

/**
 * Runs work in one database transaction (`knex.transaction`): committed when `work` resolves,
 * rolled back when it throws, and the error rethrown as it was. `work` runs once, never retried.
 *
 * On SQLite the transaction becomes the writer before `work` runs (as `BEGIN IMMEDIATE` would; knex
 * begins deferred): a statement that writes nothing still takes the write lock, waiting for another
 * process's writer up to the busy timeout. Otherwise a transaction that read first and then wrote
 * while another process (the CLI beside a server) had committed in between would fail at once with
 * SQLITE_BUSY instead of waiting its turn.
 *
 * Deadlock rule: inside `run()`, use only the repositories handed to `work`. SQLite has a single
 * connection, which the transaction holds until it ends; a query through repositories bound to
 * the knex instance itself (or a nested `run()`) waits for that connection forever, until knex's
 * acquire timeout fails it. On MySQL such a query would run outside the transaction instead.
 */
@injectable()
export class KnexUnitOfWork implements UnitOfWork {
  private readonly sqlite: boolean;

  constructor(@inject(T.Database) private readonly knex: Knex) {
    this.sqlite = dialectOf(knex) === 'sqlite';
  }

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.knex.transaction(async (trx) => {
      if (this.sqlite) await trx.raw('UPDATE locks SET name = name WHERE 0');
      return work(knexRepositories(trx));
    });
  }
}
