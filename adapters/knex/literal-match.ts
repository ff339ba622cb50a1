import type { Knex } from 'knex';
import { dialectOf } from './dialect.js';

/**
 * A condition true when the text of `column` contains `text` as it is, ignoring the case of ASCII
 * letters. The text is a bound value and goes through no pattern matcher, so `%`, `_`, `\`, quotes
 * and SQL mean only themselves, with no escaping to get wrong:
 * - SQLite: `instr(lower(column), lower(?)) > 0` (`lower` folds ASCII letters only).
 * - MySQL: `LOCATE` on both sides lowered and compared as utf8mb4_bin. The columns' own collation
 *   (utf8mb4_unicode_ci) would also ignore accents and weigh every emoji the same, so that `🍜`
 *   would find any emoji; binary comparison keeps the match literal. MySQL's `LOWER` also folds
 *   non-ASCII letters (É and é), the one place where the two databases differ.
 * Either way the condition uses no index: a substring search reads every row the other filters leave.
 */
export function containsLiterally(db: Knex | Knex.Transaction, column: string, text: string): Knex.Raw {
  return dialectOf(db) === 'mysql'
    ? db.raw('LOCATE(LOWER(?) COLLATE utf8mb4_bin, LOWER(??) COLLATE utf8mb4_bin) > 0', [text, column])
    : db.raw('instr(lower(??), lower(?)) > 0', [column, text]);
}
