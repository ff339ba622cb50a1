import type { Knex } from 'knex';
import type { Oper, OperRepository } from '../../core/index.js';
import { operFromRow, type OperRow } from './oper-row.js';

export class KnexOperRepository implements OperRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async findById(id: number): Promise<Oper | null> {
    const row = await this.db<OperRow>('opers').where({ id }).first();
    return row ? operFromRow(row) : null;
  }

  async findByAppid(appid: string): Promise<Oper | null> {
    const row = await this.db<OperRow>('opers').where({ appid }).first();
    return row ? operFromRow(row) : null;
  }
}
