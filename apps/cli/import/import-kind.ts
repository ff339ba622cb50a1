import type { Knex } from 'knex';
import type { SecretBox } from '../../../adapters/crypto/secret-box.js';
import type { ImportProgress } from '../../../adapters/knex/knex-catalog-import.js';
import type { AreaDirectory, Geocoder } from '../../../core/index.js';
import type { ImportFile } from './read-records.js';

/** What checking an import may consult: the database as it is, the sealing key, the areas. */
export interface ImportEnvironment {
  readonly db: Knex;
  readonly secrets: SecretBox;
  readonly geocoder: Geocoder;
  readonly areas: AreaDirectory;
  readonly now: Date;
}

/** A checked import, ready to write: how many rows it creates and updates. */
export interface ImportPlan {
  readonly created: number;
  readonly updated: number;
  /** Writes every row inside `trx`. */
  write(trx: Knex.Transaction, progress: ImportProgress): Promise<void>;
}

/** One kind of import (`opers`, `categories`, `merchants`, `goods`). */
export interface ImportKind {
  readonly columns: readonly string[];
  /**
   * Checks every record of `file` against the rules and the database, appending one line per bad
   * field to `problems`. The plan may be written only when no problem was found.
   */
  plan(file: ImportFile, environment: ImportEnvironment, problems: string[]): Promise<ImportPlan>;
}

/** Which of `ids` exist in `table` (looked up in chunks, so that 100k ids make ~100 queries). */
export async function existingIds(db: Knex, table: string, ids: Iterable<number>): Promise<Set<number>> {
  const found = new Set<number>();
  for (const chunk of chunks([...new Set(ids)], 1000)) {
    const rows = (await db(table).whereIn('id', chunk).select('id')) as Array<{ id: number }>;
    for (const row of rows) found.add(Number(row.id));
  }
  return found;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Records a problem for an `id` given twice in one file (the later row), and returns the ids given.
 */
export function checkUniqueIds(ids: ReadonlyArray<{ id: number | undefined; label: string }>, problems: string[]): Set<number> {
  const seen = new Map<number, string>();
  for (const { id, label } of ids) {
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first) problems.push(`${label}, field id: ${id} is also the id of ${first}`);
    else seen.set(id, label);
  }
  return new Set(seen.keys());
}
