import type { Category } from '../../core/index.js';

/** A row of `merchant_categories`. */
export interface CategoryRow {
  id: number;
  pid: number;
  name: string;
  icon: string;
  status: number;
  sort: number;
}

export function categoryFromRow(row: CategoryRow): Category {
  return {
    id: Number(row.id),
    pid: Number(row.pid),
    name: row.name,
    icon: row.icon,
    status: Number(row.status) as Category['status'],
    sort: Number(row.sort),
  };
}
