import { GoodsStatus, type Goods, type GoodsRepository } from '../../core/index.js';
import type { InMemoryTableAccess } from './in-memory-store.js';
import { copyOf } from './in-memory-tables.js';

/** Refuses a count of units that is not a positive whole number, as the knex adapter does. */
function assertUnits(units: number): void {
  if (!Number.isSafeInteger(units) || units <= 0) throw new RangeError(`Units must be a positive integer, not ${units}`);
}

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

  /** Takes the units if a limited stock has them; goods without a limit always have them. */
  reserveStock(goodsId: number, units: number): Promise<boolean> {
    return this.access.use(({ goods }) => {
      assertUnits(units);
      const item = goods.get(goodsId);
      if (!item) return false;
      if (item.stock === null) return true;
      if (item.stock < units) return false;
      goods.set(goodsId, { ...item, stock: item.stock - units });
      return true;
    });
  }

  releaseStock(goodsId: number, units: number): Promise<void> {
    return this.access.use(({ goods }) => {
      assertUnits(units);
      const item = goods.get(goodsId);
      if (item && item.stock !== null) goods.set(goodsId, { ...item, stock: item.stock + units });
    });
  }

  addSold(goodsId: number, units: number): Promise<void> {
    return this.access.use(({ goods }) => {
      assertUnits(units);
      const item = goods.get(goodsId);
      if (item) goods.set(goodsId, { ...item, sellNumber: item.sellNumber + units });
    });
  }
}
