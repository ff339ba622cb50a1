import { GoodsStatus, type Goods, type GoodsRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf } from './in-memory-tables.js';

export class InMemoryGoodsRepository implements GoodsRepository {
  constructor(private readonly access: InMemoryTableAccess) {}

  listOnShelf(merchantId: number): Promise<Goods[]> {
    return this.access.use(({ goods }) =>
      copyOf(
        [...goods.values()]
          .filter((item) => item.merchantId === merchantId && item.status === GoodsStatus.OnShelf)
          .sort((a, b) => a.id - b.id),
      ),
    );
  }

  findById(id: number): Promise<Goods | null> {
    return this.access.use(({ goods }) => {
      const item = goods.get(id);
      return item ? copyOf(item) : null;
    });
  }
}
