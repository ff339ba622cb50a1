import type { Knex } from 'knex';
import { GoodsStatus, type Goods, type GoodsRepository } from '../../core/index.js';
import { goodsFromRow, type GoodsRow } from './goods-row.js';

export class KnexGoodsRepository implements GoodsRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async listOnShelf(merchantId: number): Promise<Goods[]> {
    const rows = await this.db<GoodsRow>('goods')
      .where({ merchant_id: merchantId, status: GoodsStatus.OnShelf })
      .orderBy('id');
    return rows.map(goodsFromRow);
  }

  async findById(id: number): Promise<Goods | null> {
    const row = await this.db<GoodsRow>('goods').where({ id }).first();
    return row ? goodsFromRow(row) : null;
  }
}
