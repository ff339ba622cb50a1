import type { Knex } from 'knex';
import { dialectOf } from '../dialect.js';

/**
 * How a table's strings compare on MySQL. `exact`: byte for byte, as SQLite compares them, for
 * identifiers such as openIds and scene ids where `a` and `A` differ. `natural`: case-insensitive,
 * for names people search in (SQLite's LIKE ignores ASCII case too).
 */
export type TextComparison = 'exact' | 'natural';

/** InnoDB, utf8mb4 and the collation on MySQL; nothing on SQLite, which has no such options. */
export function applyTableOptions(knex: Knex, table: Knex.CreateTableBuilder, comparison: TextComparison): void {
  if (dialectOf(knex) !== 'mysql') return;
  table.engine('InnoDB');
  table.charset('utf8mb4');
  table.collate(comparison === 'exact' ? 'utf8mb4_bin' : 'utf8mb4_unicode_ci');
}

/** Creation and update times: BIGINT milliseconds since the epoch, the same on every database. */
export function timestamps(table: Knex.CreateTableBuilder): void {
  table.bigInteger('created_at').notNullable();
  table.bigInteger('updated_at').notNullable();
}

/** A reference to `<table>.id`, which `increments` makes an unsigned int on MySQL. */
export function reference(table: Knex.CreateTableBuilder, column: string, target: string): Knex.ColumnBuilder {
  const builder = table.integer(column).unsigned();
  table.foreign(column).references('id').inTable(target);
  return builder;
}
