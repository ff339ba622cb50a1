import type { Knex } from 'knex';
import type { Area, AreaRepository } from '../../core/index.js';
import { areaFromRow, type AreaRow } from './area-row.js';

export class KnexAreaRepository implements AreaRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async all(): Promise<Area[]> {
    const rows = await this.db<AreaRow>('areas').select('*').orderBy('area_id');
    return rows.map(areaFromRow);
  }
}
