import type { Knex } from 'knex';
import { type ReadKind, sqliteReaderOf } from './sqlite-reader.js';
import { type Dialect, dialectOf } from './dialect.js';

/** A value a compiled read is run with: one binding, or a list for an `IN (…)`. */
export type ReadValue = string | number | readonly (string | number)[];

/** The SQL of one dialect and one shape of values, with where each binding comes from. */
interface Compiled {
  readonly sql: string;
  /** Per binding: the index of the value it takes (and its position in a list), or a constant. */
  readonly slots: readonly ({ readonly value: number; readonly item: number } | { readonly constant: Knex.Value })[];
}

interface SqliteStatement {
  all(bindings: readonly unknown[]): unknown[];
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

interface MysqlConnection {
  execute(sql: string, bindings: readonly unknown[], done: (error: Error | null, rows: unknown) => void): void;
}

/** How many shapes (dialect and list lengths) a read keeps compiled; past it, it starts afresh. */
const SHAPES_KEPT = 200;

/**
 * A hot read whose SQL knex builds once per dialect and shape (the lengths of its list values),
 * then run with new values straight on a connection (a SQLite file's read-only connection, see
 * `sqliteReaderOf`, or a pooled one): knex's builder and runner cost about
 * five times a SQLite point query (ARCHITECTURE.md), on every request. `build` must make the same
 * SQL for any values of the same shape (no branching on values), and return rows, not `first()`.
 * On MySQL it runs as a server-side prepared statement (mysql2's `execute`, kept per connection):
 * the server parses it once, and the rows come back in the binary protocol; a session read took
 * 80 µs instead of 106 µs, a listing page of 14 merchants 308 µs instead of 377 µs (BENCHMARKS.md).
 * Inside a transaction the read goes through knex (which checks that the transaction is still
 * open); the result is the same rows either way.
 */
export class CompiledRead<Row> {
  private readonly shapes = new Map<string, Compiled>();

  /** `kind`: on a SQLite file, which read-only connection runs it (see `sqliteReaderOf`). */
  constructor(
    private readonly build: (db: Knex | Knex.Transaction, ...values: ReadValue[]) => Knex.QueryBuilder,
    private readonly kind: ReadKind = 'pages',
  ) {}

  async rows(db: Knex | Knex.Transaction, ...values: ReadValue[]): Promise<Row[]> {
    const dialect = dialectOf(db);
    const { sql, slots } = this.compiled(db, dialect, values);
    const bindings = slots.map((slot): Knex.Value => {
      if ('constant' in slot) return slot.constant;
      const value = values[slot.value]!;
      return typeof value === 'object' ? value[slot.item]! : value;
    });
    const reader = sqliteReaderOf(db, this.kind);
    if (reader) return reader.rows(sql, bindings) as Row[];
    if (db.isTransaction) {
      const result: unknown = await db.raw(sql, bindings);
      return (dialect === 'mysql' ? (result as [Row[]])[0] : result) as Row[];
    }
    const connection: unknown = await db.client.acquireConnection();
    try {
      if (dialect === 'sqlite') return (connection as SqliteConnection).prepare(sql).all(bindings) as Row[];
      return await new Promise<Row[]>((resolve, reject) =>
        (connection as MysqlConnection).execute(sql, bindings, (error, rows) => (error ? reject(error) : resolve(rows as Row[]))),
      );
    } finally {
      await db.client.releaseConnection(connection);
    }
  }

  /** The first row, or undefined. */
  async first(db: Knex | Knex.Transaction, ...values: ReadValue[]): Promise<Row | undefined> {
    return (await this.rows(db, ...values))[0];
  }

  /** The SQL this read runs on `db` for values of this shape (to ask the database for its plan). */
  sql(db: Knex | Knex.Transaction, ...values: ReadValue[]): string {
    return this.compiled(db, dialectOf(db), values).sql;
  }

  private compiled(db: Knex | Knex.Transaction, dialect: Dialect, values: readonly ReadValue[]): Compiled {
    const key = `${dialect}${values.map((value) => (typeof value === 'object' ? `:${value.length}` : ',')).join('')}`;
    let compiled = this.shapes.get(key);
    if (!compiled) {
      compiled = compile(this.build, db, values);
      if (this.shapes.size >= SHAPES_KEPT) this.shapes.clear();
      this.shapes.set(key, compiled);
    }
    return compiled;
  }
}

/**
 * Builds the query with a marker in place of each value, and maps each binding of the SQL back to
 * the value (or list item) whose marker it carries; any other binding (a `limit`, a status the
 * query fixes) is kept as a constant.
 */
function compile(
  build: (db: Knex | Knex.Transaction, ...values: ReadValue[]) => Knex.QueryBuilder,
  db: Knex | Knex.Transaction,
  values: readonly ReadValue[],
): Compiled {
  const marker = (value: number, item: number) => `\u0000compiled-read:${value}:${item}\u0000`;
  const markers = values.map((value, i) => (typeof value === 'object' ? value.map((_, item) => marker(i, item)) : marker(i, 0)));
  const { sql, bindings } = build(db, ...markers).toSQL().toNative();
  const slots = bindings.map((binding) => {
    const match = typeof binding === 'string' ? /^\u0000compiled-read:(\d+):(\d+)\u0000$/.exec(binding) : null;
    return match ? { value: Number(match[1]), item: Number(match[2]) } : { constant: binding };
  });
  const used = new Set(slots.flatMap((slot) => ('value' in slot ? [`${slot.value}:${slot.item}`] : [])));
  const missing = markers.flat().find((m) => !used.has(/compiled-read:(\d+:\d+)/.exec(m)![1]!));
  if (missing !== undefined) throw new Error(`CompiledRead: a value is not a binding of ${sql}`);
  return { sql, slots };
}
