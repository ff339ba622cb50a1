import { importCategories } from '../../../adapters/knex/knex-catalog-import.js';
import type { NewCategory } from '../../../adapters/knex/knex-catalog-writer.js';
import { type ImportKind, checkUniqueIds, existingIds } from './import-kind.js';
import { RowReader } from './row-reader.js';

const MAX_ID = 2_147_483_647;

/**
 * Merchant categories. `pid` (default 0, the top) must be a category of the database or of the
 * file; `status` 1 enabled (default) or 2 disabled; `sort` orders siblings (default 0).
 */
export const categoryImport: ImportKind = {
  columns: ['id', 'pid', 'name', 'icon', 'status', 'sort'],
  async plan(file, { db }, problems) {
    const rows = file.records.map((record, index) => {
      const read = new RowReader(record, file.label(index), problems);
      const id = read.optionalInteger('id', 1, MAX_ID) ?? undefined;
      const category: NewCategory = {
        ...(id === undefined ? {} : { id }),
        pid: read.integer('pid', 0, MAX_ID, 0),
        name: read.text('name', 64, true),
        icon: read.text('icon', 512),
        status: read.choice('status', [1, 2], 1) as 1 | 2,
        sort: read.integer('sort', -1_000_000, 1_000_000, 0),
      };
      return { category, label: read.label };
    });
    const ids = checkUniqueIds(rows.map(({ category, label }) => ({ id: category.id, label })), problems);
    const parents = new Set(rows.map(({ category }) => category.pid).filter((pid) => pid !== 0 && !ids.has(pid)));
    const known = await existingIds(db, 'merchant_categories', [...parents, ...ids]);
    for (const { category, label } of rows) {
      if (category.pid !== 0 && !ids.has(category.pid) && !known.has(category.pid)) {
        problems.push(`${label}, field pid: no category ${category.pid} in the database or the file`);
      }
      if (category.pid !== 0 && category.pid === category.id) problems.push(`${label}, field pid: a category cannot be its own parent`);
    }
    const updated = rows.filter(({ category }) => category.id !== undefined && known.has(category.id)).length;
    return {
      created: rows.length - updated,
      updated,
      write: (trx, progress) => importCategories(trx, rows.map(({ category }) => category), progress),
    };
  },
};
