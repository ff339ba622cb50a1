import type { Knex } from 'knex';
import type { Repositories, UnitOfWork } from '../../core/index.js';
import { knexRepositories } from './knex-repositories.js';

/**
 * Runs work in one database transaction (`knex.transaction`): committed when `work` resolves,
 * rolled back when it throws, and the error rethrown as it was. `work` runs once, never retried.
 *
 * Deadlock rule: inside `run()`, use only the repositories handed to `work`. SQLite has a single
 * connection, which the transaction holds until it ends; a query through repositories bound to
 * the knex instance itself (or a nested `run()`) waits for that connection forever, until knex's
 * acquire timeout fails it. On MySQL such a query would run outside the transaction instead.
 */
export class KnexUnitOfWork implements UnitOfWork {
  constructor(private readonly knex: Knex) {}

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => work(knexRepositories(trx)));
  }
}
