import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knex from 'knex';
import type { Knex } from 'knex';

export { dialectOf, type Dialect } from './dialect.js';

/** How long a SQLite statement waits for a lock held by another process before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Each MySQL connection: strict SQL mode (refuse bad values instead of truncating or zeroing them),
 * UTC, and READ COMMITTED, so that a plain read made after taking a lock sees what the previous
 * holder committed (under REPEATABLE READ it could read an older snapshot).
 */
const MYSQL_SESSION_MODES = "SET SESSION sql_mode = 'TRADITIONAL,ONLY_FULL_GROUP_BY', time_zone = '+00:00'";
const MYSQL_ISOLATION = 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED';

/**
 * A knex instance for a `DATABASE_URL`:
 * - `sqlite:<path>` (the parent folder is created) or `sqlite::memory:`: better-sqlite3 on one
 *   connection that is never closed while the instance lives, so an in-memory database keeps its
 *   data and transactions are serialised; WAL (files only), `synchronous=FULL`, foreign keys on;
 *   planner statistics refreshed at open where needed (`PRAGMA optimize`); prepared statements
 *   reused (see {@link reusePreparedStatements}).
 * - `mysql://user:pass@host:port/db` (optional `?socket=/path`): mysql2, utf8mb4, strict SQL mode,
 *   READ COMMITTED, a pool of up to 10 connections.
 *
 * Errors from queries carry the SQL with `?` placeholders, never the bound values, so that mobiles
 * and secrets do not reach the logs. Call `destroy()` when done.
 */
export function createKnex(databaseUrl: string, options: CreateKnexOptions = {}): Knex {
  const log = options.onWarning ? knexLog(options.onWarning) : {};
  if (databaseUrl.startsWith('sqlite:')) return createSqliteKnex(databaseUrl.slice('sqlite:'.length), log);
  if (databaseUrl.startsWith('mysql://')) return createMysqlKnex(new URL(databaseUrl), log);
  throw new Error('DATABASE_URL must start with sqlite: or mysql://');
}

export interface CreateKnexOptions {
  /**
   * Receives knex's warnings (e.g. "Acquire connection error: <stack>") instead of the console,
   * where knex prints them with stacks. The error behind such a warning also reaches the caller.
   */
  readonly onWarning?: (message: string) => void;
}

type KnexLogOption = Pick<Knex.Config, 'log'>;

function knexLog(onWarning: (message: string) => void): KnexLogOption {
  return {
    log: {
      warn: (message: unknown) => onWarning(String(message)),
      deprecate: (method: unknown, alternative: unknown) => onWarning(`${String(method)} is deprecated, use ${String(alternative)}`),
    },
  };
}

/**
 * The database a `DATABASE_URL` names, without its password: `mysql://user@host:port/db` or
 * `sqlite:<path>`, for messages and logs.
 */
export function describeDatabaseUrl(databaseUrl: string): string {
  if (!databaseUrl.startsWith('mysql://')) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    return url.toString();
  } catch {
    return 'mysql://…';
  }
}

interface SqliteStatement {
  readonly reader: boolean;
  safeIntegers(toggle?: boolean): SqliteStatement;
  all(bindings: readonly unknown[]): unknown[];
  get(bindings: readonly unknown[]): unknown;
  run(bindings: readonly unknown[]): unknown;
}

interface SqliteConnection {
  pragma(source: string): unknown;
  prepare(source: string): SqliteStatement;
}

/** How many prepared statements each SQLite connection keeps for reuse. */
const SQLITE_STATEMENT_CACHE_SIZE = 500;

/**
 * Makes `connection.prepare` reuse the statement already prepared for the same SQL (knex prepares
 * every query anew, and preparing costs about as much as running a point query). Safe with
 * better-sqlite3: a statement runs to completion synchronously before the next use, and SQLite
 * prepares it again by itself after a schema change. The oldest statement is dropped past
 * {@link SQLITE_STATEMENT_CACHE_SIZE} (queries with IN lists of every length differ in their SQL).
 * `safeIntegers` is reset on each reuse, as knex sets it only when a query asks.
 */
function reusePreparedStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, SqliteStatement>();
  const reused = (source: string) => {
    const cached = statements.get(source);
    if (cached) return cached.safeIntegers(false);
    const statement = prepare(source);
    if (statements.size >= SQLITE_STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    statements.set(source, statement);
    return statement;
  };
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
    const position = bindings.length - (this.withOffset ? 2 : 1);
    const limit = bindings[position];
    const inlined = typeof limit === 'number' && Number.isSafeInteger(limit) && position >= 0;
    const statement = inlined
      ? this.reused(`${this.source.slice(0, this.at)}limit ${limit}${this.withOffset ? ' offset ?' : ''}`)
      : this.reused(this.source);
    if (this.safe !== undefined) statement.safeIntegers(this.safe);
    return [statement, inlined ? bindings.filter((_, i) => i !== position) : bindings];
  }
}

function createSqliteKnex(path: string, log: KnexLogOption): Knex {
  if (path === '') throw new Error('DATABASE_URL sqlite: needs a path, or :memory:');
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const instance = knex({
    ...log,
    client: 'better-sqlite3',
    connection: { filename: path },
    useNullAsDefault: true,
    compileSqlOnError: false,
    pool: {
      min: 1,
      max: 1,
      idleTimeoutMillis: Number.MAX_SAFE_INTEGER,
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) {
        try {
          if (!inMemory) connection.pragma('journal_mode = WAL');
          // FULL: a commit is on disk before it returns, so a payment or refund that WeChat Pay was
          // told about survives a power loss (WAL with NORMAL may lose the last commits). README: cost.
          connection.pragma('synchronous = FULL');
          connection.pragma('foreign_keys = ON');
          connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
          // Statistics for the planner where they are missing or stale, bounded in time (SQLite's advice at open).
          connection.pragma('analysis_limit = 400');
          connection.pragma('optimize = 0x10002');
          reusePreparedStatements(connection);
          done(null, connection);
        } catch (error) {
          done(error as Error, connection);
        }
      },
    },
  });
  if (!inMemory) keepSqliteReader(instance, path);
  return instance;
}

/** A connection that only reads: see {@link sqliteReaderOf}. */
export interface SqliteReader {
  prepare(sql: string): { all(bindings: readonly unknown[]): unknown[] };
}

interface OpenedSqlite extends SqliteConnection {
  close(): void;
}

const sqliteReaders = new WeakMap<object, () => SqliteReader | null>();

/**
 * The read-only connection of a SQLite file's knex instance, or null (MySQL, `:memory:`, a
 * transaction). Reads outside transactions may run on it without taking the one pooled
 * connection: with WAL, a reader sees the last commit and never waits for a transaction in
 * progress (the pool would make it wait until that transaction ends, then read the same commit).
 * Opened on first use, closed with the instance.
 */
export function sqliteReaderOf(db: Knex | Knex.Transaction): SqliteReader | null {
  if (db.isTransaction) return null;
  return sqliteReaders.get(db.client)?.() ?? null;
}

function keepSqliteReader(instance: Knex, path: string): void {
  const Driver = instance.client.driver as new (path: string, options: object) => OpenedSqlite;
  let reader: OpenedSqlite | null = null;
  let destroyed = false;
  sqliteReaders.set(instance.client, () => {
    if (reader || destroyed) return reader;
    reader = new Driver(path, { fileMustExist: true });
    reader.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    reader.pragma('query_only = ON');
    reusePreparedStatements(reader);
    return reader;
  });
  const client = instance.client as { destroy(callback?: unknown): Promise<void> };
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    destroyed = true;
    reader?.close();
    reader = null;
    return destroy(callback);
  };
}

interface MysqlConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}

function createMysqlKnex(url: URL, log: KnexLogOption): Knex {
  const socketPath = url.searchParams.get('socket');
  return knex({
    ...log,
    client: 'mysql2',
    connection: {
      ...(socketPath ? { socketPath } : { host: url.hostname, port: url.port ? Number(url.port) : 3306 }),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.replace(/^\//, '')),
      charset: 'utf8mb4',
      timezone: 'Z',
      supportBigNumbers: false,
    },
    compileSqlOnError: false,
    pool: {
      min: 0,
      max: 10,
      afterCreate(connection: MysqlConnection, done: (error: Error | null, connection: unknown) => void) {
        connection.query(MYSQL_SESSION_MODES, (error) => {
          if (error) done(error, connection);
          else connection.query(MYSQL_ISOLATION, (failure) => done(failure, connection));
        });
      },
    },
  });
}
