import type { Knex } from 'knex';

/** Runs `work` in `db` when it is a transaction already, else in a new transaction of `db`. */
export function inTransaction<T>(db: Knex | Knex.Transaction, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Knex.Transaction) : db.transaction(work);
}
