import type { Goods, GoodsStatus } from '../../core/index.js';

/** A row of `goods`. */
export interface GoodsRow {
  id: number;
  oper_id: number;
  merchant_id: number;
  name: string;
  desc: string | null;
  market_price: number;
  price: number;
  start_date: string;
  end_date: string;
  business_start: string;
  business_end: string;
  thumb_url: string;
  pic: string;
  /** A JSON array of URLs; rows written by older tools may hold '' or NULL. */
  pic_list: string | null;
  buy_info: string | null;
  status: number;
  stock: number | null;
  sell_number: number;
  created_at: number;
  updated_at: number;
}

/** The URLs of a `pic_list` column: the strings of its JSON array; anything else reads as none. */
export function picListFromColumn(text: string | null): string[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter((url): url is string => typeof url === 'string') : [];
}

export function goodsFromRow(row: GoodsRow): Goods {
  return {
    id: Number(row.id),
    operId: Number(row.oper_id),
    merchantId: Number(row.merchant_id),
    name: row.name,
    desc: row.desc ?? '',
    marketPrice: Number(row.market_price),
    price: Number(row.price),
    startDate: row.start_date,
    endDate: row.end_date,
    businessTime: [row.business_start, row.business_end],
    thumbUrl: row.thumb_url,
    pic: row.pic,
    picList: picListFromColumn(row.pic_list),
    buyInfo: row.buy_info ?? '',
    status: Number(row.status) as GoodsStatus,
    stock: row.stock === null ? null : Number(row.stock),
    sellNumber: Number(row.sell_number),
    createdAt: new Date(Number(row.created_at)),
  };
}

/** The columns of goods, all but id and times. */
export function goodsColumns(goods: Omit<Goods, 'id' | 'createdAt'>): Omit<GoodsRow, 'id' | 'created_at' | 'updated_at'> {
  return {
    oper_id: goods.operId,
    merchant_id: goods.merchantId,
    name: goods.name,
    desc: goods.desc,
    market_price: goods.marketPrice,
    price: goods.price,
    start_date: goods.startDate,
    end_date: goods.endDate,
    business_start: goods.businessTime[0],
    business_end: goods.businessTime[1],
    thumb_url: goods.thumbUrl,
    pic: goods.pic,
    pic_list: JSON.stringify(goods.picList),
    buy_info: goods.buyInfo,
    status: goods.status,
    stock: goods.stock,
    sell_number: goods.sellNumber,
  };
}
