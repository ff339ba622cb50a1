import type { Area } from '../../core/index.js';

/** A row of `areas`. */
export interface AreaRow {
  id: number;
  area_id: number;
  name: string;
  parent_id: number;
  tier: number;
  initial: string;
}

export function areaFromRow(row: AreaRow): Area {
  return {
    id: Number(row.id),
    areaId: Number(row.area_id),
    name: row.name,
    parentId: Number(row.parent_id),
    tier: Number(row.tier) as Area['tier'],
    initial: row.initial,
  };
}
