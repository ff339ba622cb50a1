/**
 * Whether `error` is the database refusing a second row with the same `table.column`, where the
 * column was made unique by knex's `.unique()` (an index named `<table>_<column>_unique`).
 * SQLite (better-sqlite3) and MySQL/MariaDB (mysql2) say so differently; other errors, such as a
 * duplicate in another unique column, are not this one.
 */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  if (!(error instanceof Error)) return false;
  const { code, sqlMessage } = error as Error & { code?: unknown; sqlMessage?: unknown };
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return error.message.endsWith(`UNIQUE constraint failed: ${table}.${column}`);
  }
  if (code === 'ER_DUP_ENTRY' && typeof sqlMessage === 'string') {
    // MariaDB names the key `orders_order_no_unique`, MySQL 8 `orders.orders_order_no_unique`.
    const key = `${table}_${column}_unique`;
    return sqlMessage.endsWith(`for key '${key}'`) || sqlMessage.endsWith(`for key '${table}.${key}'`);
  }
  return false;
}
