export const GoodsStatus = { OnShelf: 1, OffShelf: 2 } as const;
export type GoodsStatus = (typeof GoodsStatus)[keyof typeof GoodsStatus];

/** Coupon-like goods a merchant sells. Money in integer fen; dates `YYYY-MM-DD` (Asia/Shanghai). */
export interface Goods {
  readonly id: number;
  readonly operId: number;
  readonly merchantId: number;
  readonly name: string;
  readonly desc: string;
  readonly marketPrice: number;
  readonly price: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly businessTime: readonly [string, string];
  readonly thumbUrl: string;
  readonly pic: string;
  readonly picList: readonly string[];
  readonly buyInfo: string;
  readonly status: GoodsStatus;
  /** Units left to sell; null when unlimited. */
  readonly stock: number | null;
  readonly sellNumber: number;
  readonly createdAt: Date;
}

export interface GoodsRepository {
  /** On-shelf goods of the merchant, by id. */
  listOnShelf(merchantId: number): Promise<Goods[]>;
  /** Goods whatever their status. */
  findById(id: number): Promise<Goods | null>;
  /**
   * Takes `units` from the stock if it has them (`UPDATE … WHERE stock >= units`); goods without a
   * stock always have them. Returns false when the stock is short: nothing is taken.
   */
  reserveStock(goodsId: number, units: number): Promise<boolean>;
  /** Gives `units` back to a limited stock (an unpaid order cancelled or closed). */
  releaseStock(goodsId: number, units: number): Promise<void>;
  /** Counts `units` more sold. */
  addSold(goodsId: number, units: number): Promise<void>;
}
