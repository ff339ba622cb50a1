import type { Knex } from 'knex';
import { inlineBoundLimit, KeptStatements, type SqliteConnection, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-statements.js';

/**
 * How much of a SQLite file the read-only connection of pages maps into memory. Reading pages
 * through the map instead of copying them into SQLite's cache made a listing page of 14 merchants
 * ~1.6x faster at 1M merchants (BENCHMARKS.md). The pages read count in the process's RSS as
 * shared, reclaimable file pages; SQLite caps the map at 2 GiB.
 *
 * The map has a price under writes: SQLite unmaps the whole file whenever the database changed
 * since the connection's last read, so the first read after any commit costs 97-117 µs mapped
 * against 22-24 µs unmapped. Point reads (a session, goods or a merchant by id: a few pages, one
 * of them first in every request) therefore go to a second connection, which maps nothing.
 */
const READER_MMAP_BYTES = 1 << 30;

interface RawStatement {
  raw(toggle?: boolean): RawStatement;
  columns(): Array<{ name: string }>;
  all(bindings: readonly unknown[]): unknown[][];
}

interface OpenedSqlite extends Omit<SqliteConnection, 'prepare' | 'pragma'> {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(source: string): RawStatement;
  close(): void;
}

interface Prepared {
  readonly statement: RawStatement;
  readonly names: readonly string[];
}

/**
 * A connection of a SQLite file that only reads (`query_only`), for the hot reads outside
 * transactions: with WAL, it reads the last commit and never waits for a transaction in progress
 * on the pooled connection (through the pool, a read would wait until that transaction ends, then
 * read the same commit). Statements are prepared once (a bound `LIMIT` written into the SQL, see
 * `LimitInlined`) and return their rows as arrays, made into objects here: better-sqlite3 builds
 * an object row at about twice the cost of an array row with its values (BENCHMARKS.md).
 */
export class SqliteReader {
  private readonly statements = new KeptStatements<Prepared>();

  constructor(private readonly connection: OpenedSqlite) {}

  rows(sql: string, bindings: readonly unknown[]): Array<Record<string, unknown>> {
    const [source, rest] = inlineBoundLimit(sql, bindings);
    const { statement, names } = this.statements.get(source, (sql) => this.prepare(sql));
    return statement.all(rest).map((values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
      return row;
    });
  }

  /** How many bytes of the file this connection maps (0: none). */
  mappedBytes(): number {
    return Number(this.connection.pragma('mmap_size', { simple: true }));
  }

  close(): void {
    this.statements.clear();
    this.connection.close();
  }

  private prepare(source: string): Prepared {
    const statement = this.connection.prepare(source).raw(true);
    return { statement, names: statement.columns().map((column) => column.name) };
  }
}

/** What a read is: a few pages found by key (`point`), or pages of rows (`pages`). */
export type ReadKind = 'point' | 'pages';

const sqliteReaders = new WeakMap<object, (kind: ReadKind) => SqliteReader | null>();

/**
 * The read-only connection of a SQLite file's knex instance for reads of this kind (see
 * {@link SqliteReader} and {@link READER_MMAP_BYTES}), or null: MySQL, `:memory:` (another
 * connection would open another database), a transaction.
 */
export function sqliteReaderOf(db: Knex | Knex.Transaction, kind: ReadKind = 'pages'): SqliteReader | null {
  if (db.isTransaction) return null;
  return sqliteReaders.get(db.client)?.(kind) ?? null;
}

/** Gives the knex instance of the SQLite file at `path` its readers: each opened on first use, closed with the instance. */
export function keepSqliteReader(instance: Knex, path: string): void {
  const Driver = instance.client.driver as new (path: string, options: object) => OpenedSqlite;
  const readers = new Map<ReadKind, SqliteReader>();
  let destroyed = false;
  sqliteReaders.set(instance.client, (kind) => {
    if (destroyed) return null;
    let reader = readers.get(kind);
    if (!reader) {
      const connection = new Driver(path, { fileMustExist: true });
      connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      connection.pragma('query_only = ON');
      connection.pragma(`mmap_size = ${kind === 'pages' ? READER_MMAP_BYTES : 0}`);
      reader = new SqliteReader(connection);
      readers.set(kind, reader);
    }
    return reader;
  });
  const client = instance.client as { destroy(callback?: unknown): Promise<void> };
  const destroy = client.destroy.bind(client);
  client.destroy = async (callback?: unknown) => {
    destroyed = true;
    for (const reader of readers.values()) reader.close();
    readers.clear();
    return destroy(callback);
  };
}
