import { DomainError } from '../shared/domain-error.js';
import type { Goods, GoodsRepository } from './goods.js';

/** `/goods/detail`: goods on or off the shelf (an order links to them); missing: 40002. */
export class GetGoodsDetail {
  constructor(private readonly goods: GoodsRepository) {}

  async execute({ id }: { id: number }): Promise<Goods> {
    const goods = await this.goods.findById(id);
    if (!goods) throw new DomainError(40002);
    return goods;
  }
}
