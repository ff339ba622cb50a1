/** How SQLite connections run statements: each prepared once and reused, a bound `LIMIT` written into its SQL. */

/** How long a SQLite statement waits for a lock held by another process before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export interface SqliteStatement {
  readonly reader: boolean;
  /** Whether running it leaves the database as it was (BEGIN and COMMIT count as read-only). */
  readonly readonly: boolean;
  safeIntegers(toggle?: boolean): SqliteStatement;
  all(bindings: readonly unknown[]): unknown[];
  get(bindings: readonly unknown[]): unknown;
  run(bindings: readonly unknown[]): unknown;
}

export interface SqliteConnection {
  readonly inTransaction: boolean;
  pragma(source: string): unknown;
  prepare(source: string): SqliteStatement;
}

/** How many prepared statements each SQLite connection keeps for reuse. */
const SQLITE_STATEMENT_CACHE_SIZE = 500;

/**
 * Statements kept by their SQL, the oldest dropped past {@link SQLITE_STATEMENT_CACHE_SIZE}
 * (queries with IN lists of every length differ in their SQL).
 */
export class KeptStatements<T> {
  private readonly kept = new Map<string, T>();

  /** The statement kept for `source`, else the one `prepare` makes, kept from now on. */
  get(source: string, prepare: (source: string) => T): T {
    const cached = this.kept.get(source);
    if (cached !== undefined) return cached;
    const statement = prepare(source);
    if (this.kept.size >= SQLITE_STATEMENT_CACHE_SIZE) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(source, statement);
    return statement;
  }

  clear(): void {
    this.kept.clear();
  }
}

/**
 * Makes `connection.prepare` reuse the statement already prepared for the same SQL (knex prepares
 * every query anew, and preparing costs about as much as running a point query). Safe with
 * better-sqlite3: a statement runs to completion synchronously before the next use, and SQLite
 * prepares it again by itself after a schema change (see {@link KeptStatements}). `safeIntegers`
 * is reset on each use, as knex sets it only when a query asks.
 */
export function reusePreparedStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new KeptStatements<SqliteStatement>();
  const reused = (source: string) => statements.get(source, prepare).safeIntegers(false);
  connection.prepare = (source: string) => {
    const limit = BOUND_LIMIT.exec(source);
    return limit ? new LimitInlined(source, limit.index, limit[1] !== undefined, reused) : reused(source);
  };
}

/** A trailing `limit ?`, maybe followed by `offset ?`: how knex writes `.first()`, `.limit()` and pages. */
const BOUND_LIMIT = /\blimit \?( offset \?)?$/i;

/**
 * A statement whose `LIMIT` is bound runs with the limit written into its SQL. SQLite (3.47 on)
 * plans with the value bound to a `LIMIT ?`, so it prepares such a statement again on every run
 * whose binding is new, and every run binds anew: a point query cost ~3x its prepared cost. The
 * limits a program uses are few (1, the page sizes), so each gets its statement, reused. A limit
 * that is not a safe integer (never from knex) runs as written. Offsets stay bound (SQLite does
 * not plan with them).
 */
class LimitInlined implements SqliteStatement {
  private safe: boolean | undefined;

  constructor(
    private readonly source: string,
    private readonly at: number,
    private readonly withOffset: boolean,
    private readonly reused: (source: string) => SqliteStatement,
  ) {}

  get reader(): boolean {
    return this.reused(this.source).reader;
  }

  get readonly(): boolean {
    return this.reused(this.source).readonly;
  }

  safeIntegers(toggle = true): SqliteStatement {
    this.safe = toggle;
    return this;
  }

  all(bindings: readonly unknown[]): unknown[] {
    const [statement, rest] = this.resolve(bindings);
    return statement.all(rest);
  }

  get(bindings: readonly unknown[]): unknown {
    const [statement, rest] = this.resolve(bindings);
    return statement.get(rest);
  }

  run(bindings: readonly unknown[]): unknown {
    const [statement, rest] = this.resolve(bindings);
    return statement.run(rest);
  }

  private resolve(bindings: readonly unknown[]): [SqliteStatement, readonly unknown[]] {
    const [source, rest] = withLimitInlined(this.source, bindings, this.at, this.withOffset);
    const statement = this.reused(source);
    if (this.safe !== undefined) statement.safeIntegers(this.safe);
    return [statement, rest];
  }
}

/**
 * The SQL and bindings of a statement with its trailing bound `LIMIT` written into the SQL (see
 * {@link LimitInlined}); as they are when it has none, or its limit is not a safe integer.
 */
export function inlineBoundLimit(source: string, bindings: readonly unknown[]): [string, readonly unknown[]] {
  const limit = BOUND_LIMIT.exec(source);
  return limit ? withLimitInlined(source, bindings, limit.index, limit[1] !== undefined) : [source, bindings];
}

function withLimitInlined(source: string, bindings: readonly unknown[], at: number, withOffset: boolean): [string, readonly unknown[]] {
  const position = bindings.length - (withOffset ? 2 : 1);
  const limit = bindings[position];
  if (!(typeof limit === 'number' && Number.isSafeInteger(limit) && position >= 0)) return [source, bindings];
  return [`${source.slice(0, at)}limit ${limit}${withOffset ? ' offset ?' : ''}`, bindings.filter((_, i) => i !== position)];
}
