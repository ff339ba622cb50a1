import type { Knex } from 'knex';
import { GoodsStatus, type Goods, type GoodsRepository } from '../../core/index.js';
import { CompiledRead } from './compiled-read.js';
import { goodsFromRow, type GoodsRow } from './goods-row.js';
import { assertUnits } from './units.js';

/** `/goods/detail` reads it on every request: compiled once (see {@link CompiledRead}). */
const GOODS_BY_ID = new CompiledRead<GoodsRow>((db, id) => db('goods').where({ id }).limit(1), 'point');

export class KnexGoodsRepository implements GoodsRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async listOnShelf(merchantId: number): Promise<Goods[]> {
    const rows = await this.db<GoodsRow>('goods')
      .where({ merchant_id: merchantId, status: GoodsStatus.OnShelf })
      .orderBy('id');
    return rows.map(goodsFromRow);
  }

  async findById(id: number): Promise<Goods | null> {
    const row = await GOODS_BY_ID.first(this.db, id);
    return row ? goodsFromRow(row) : null;
  }

  /**
   * `UPDATE … SET stock = stock - units WHERE stock >= units`: one statement, so racing buyers
   * never take more than there is. When it changes nothing, the goods either have no stock limit
   * (true) or too little stock, or do not exist (false).
   */
  async reserveStock(goodsId: number, units: number): Promise<boolean> {
    assertUnits(units);
    const taken = await this.db<GoodsRow>('goods')
      .where({ id: goodsId })
      .whereNotNull('stock')
      .andWhere('stock', '>=', units)
      .decrement('stock', units);
    if (taken === 1) return true;
    const row = await this.db<GoodsRow>('goods').select('stock').where({ id: goodsId }).first();
    return row !== undefined && row.stock === null;
  }

  /** Gives units back to a limited stock; goods without a limit are left as they are. */
  async releaseStock(goodsId: number, units: number): Promise<void> {
    assertUnits(units);
    await this.db<GoodsRow>('goods').where({ id: goodsId }).whereNotNull('stock').increment('stock', units);
  }

  async addSold(goodsId: number, units: number): Promise<void> {
    assertUnits(units);
    await this.db<GoodsRow>('goods').where({ id: goodsId }).increment('sell_number', units);
  }
}
