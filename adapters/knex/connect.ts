import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knex from 'knex';
import type { Knex } from 'knex';
import { commitInGroups, type SyncFile, WalSync } from './sqlite-group-commit.js';
import { keepSqliteReader } from './sqlite-reader.js';
import { type SqliteConnection, reusePreparedStatements, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-statements.js';

export { dialectOf, type Dialect } from './dialect.js';
export { sqliteReaderOf, type SqliteReader } from './sqlite-reader.js';

/**
 * Each MySQL connection: strict SQL mode (refuse bad values instead of truncating or zeroing them),
 * UTC, and READ COMMITTED, so that a plain read made after taking a lock sees what the previous
 * holder committed (under REPEATABLE READ it could read an older snapshot).
 */
const MYSQL_SESSION_MODES = "SET SESSION sql_mode = 'TRADITIONAL,ONLY_FULL_GROUP_BY', time_zone = '+00:00'";
const MYSQL_ISOLATION = 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED';

/** Prepared statements a MySQL connection keeps (the oldest is closed past it); see CompiledRead. */
const MYSQL_PREPARED_STATEMENTS_KEPT = 256;

/**
 * A knex instance for a `DATABASE_URL`:
 * - `sqlite:<path>` (the parent folder is created) or `sqlite::memory:`: better-sqlite3 on one
 *   connection that is never closed while the instance lives, so an in-memory database keeps its
 *   data and transactions are serialised; WAL with group commit (files only: a commit resolves once
 *   the log is synced, see `commitInGroups`), foreign keys on;
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
  if (databaseUrl.startsWith('sqlite:')) return createSqliteKnex(databaseUrl.slice('sqlite:'.length), log, options.syncFile);
  if (databaseUrl.startsWith('mysql://')) return createMysqlKnex(new URL(databaseUrl), log);
  throw new Error('DATABASE_URL must start with sqlite: or mysql://');
}

export interface CreateKnexOptions {
  /**
   * Receives knex's warnings (e.g. "Acquire connection error: <stack>") instead of the console,
   * where knex prints them with stacks. The error behind such a warning also reaches the caller.
   */
  readonly onWarning?: (message: string) => void;
  /** SQLite files: how the write-ahead log is put on disk after commits (fdatasync; tests watch it). */
  readonly syncFile?: SyncFile;
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

function createSqliteKnex(path: string, log: KnexLogOption, syncFile: SyncFile | undefined): Knex {
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
          if (!inMemory) {
            connection.pragma('journal_mode = WAL');
            // NORMAL: a commit writes the log without syncing it; `commitInGroups` then has the
            // caller wait for a sync of the log made after it, shared with the commits beside it.
            connection.pragma('synchronous = NORMAL');
          }
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
  if (!inMemory) {
    commitInGroups(instance, new WalSync(`${resolve(path)}-wal`, syncFile));
    keepSqliteReader(instance, path);
  }
  return instance;
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
      // Server-side statements kept per connection (CompiledRead's): well under the server's
      // max_prepared_stmt_count (16,382 by default) across every connection of every instance.
      maxPreparedStatements: MYSQL_PREPARED_STATEMENTS_KEPT,
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
