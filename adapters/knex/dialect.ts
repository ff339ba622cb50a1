import type { Knex } from 'knex';

/** The two databases the knex adapter supports, each with its own small differences. */
export type Dialect = 'sqlite' | 'mysql';

/** Which database a knex instance or transaction talks to. */
export function dialectOf(db: Knex | Knex.Transaction): Dialect {
  const name = db.client.dialect;
  if (name === 'sqlite3') return 'sqlite';
  if (name === 'mysql') return 'mysql';
  throw new Error(`Unsupported knex dialect: ${name}`);
}

/**
 * Makes a read see the latest committed row and lock it, where that matters. On MySQL under
 * REPEATABLE READ a plain SELECT reads the transaction's snapshot, which may predate a row another
 * transaction just committed; `FOR UPDATE` reads the current row. SQLite has one connection, so
 * every read is current, and knex warns about `forUpdate` there.
 */
export function currentRead<Q extends Knex.QueryBuilder>(db: Knex | Knex.Transaction, query: Q): Q {
  return dialectOf(db) === 'mysql' ? (query.forUpdate() as Q) : query;
}
