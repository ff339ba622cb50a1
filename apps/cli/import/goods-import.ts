import type { Knex } from 'knex';
import { importGoods } from '../../../adapters/knex/knex-catalog-import.js';
import type { NewGoods } from '../../../adapters/knex/knex-catalog-writer.js';
import { GoodsStatus } from '../../../core/index.js';
import { type ImportKind, checkUniqueIds, chunks, existingIds } from './import-kind.js';
import { RowReader } from './row-reader.js';

const MAX_ID = 2_147_483_647;

interface Shop {
  readonly operId: number;
  readonly hours: readonly [string, string];
}

/**
 * Goods. `merchant_id` must exist; the goods belong to its oper. Prices are in yuan with at most
 * two decimals (`market_price`, `price`); `start_date` ≤ `end_date` (`YYYY-MM-DD`, Asia/Shanghai);
 * the business hours default to the merchant's; `stock` empty means unlimited; `pic_list` is a
 * JSON array (JSON files) or URLs separated by `|` (CSV). An update keeps the count sold.
 */
export const goodsImport: ImportKind = {
  columns: [
    'id', 'merchant_id', 'name', 'desc', 'market_price', 'price', 'start_date', 'end_date', 'business_start',
    'business_end', 'thumb_url', 'pic', 'pic_list', 'buy_info', 'status', 'stock',
  ],
  async plan(file, { db, now }, problems) {
    const merchantIds = file.records.map((record) => Number(record['merchant_id'])).filter(Number.isSafeInteger);
    const shops = await shopsOf(db, merchantIds);
    const rows = file.records.map((record, index) => {
      const read = new RowReader(record, file.label(index), problems);
      const id = read.optionalInteger('id', 1, MAX_ID) ?? undefined;
      const merchantId = read.integer('merchant_id', 1, MAX_ID);
      const shop = shops.get(merchantId);
      if (merchantId > 0 && !shop) read.problem('merchant_id', `no merchant ${merchantId}`);
      const price = read.yuan('price');
      if (read.has('price') && price === 0) read.problem('price', 'must be more than 0');
      const startDate = read.date('start_date');
      const endDate = read.date('end_date');
      if (startDate && endDate && startDate > endDate) read.problem('end_date', `is before start_date (${startDate})`);
      const goods: NewGoods = {
        ...(id === undefined ? {} : { id }),
        operId: shop?.operId ?? 0,
        merchantId,
        name: read.text('name', 100, true),
        desc: read.longText('desc'),
        marketPrice: read.yuan('market_price'),
        price,
        startDate,
        endDate,
        businessTime: [read.time('business_start', shop?.hours[0] ?? null), read.time('business_end', shop?.hours[1] ?? null)],
        thumbUrl: read.text('thumb_url', 512),
        pic: read.text('pic', 512),
        picList: read.urlList('pic_list', 512),
        buyInfo: read.longText('buy_info'),
        status: read.choice('status', [GoodsStatus.OnShelf, GoodsStatus.OffShelf], GoodsStatus.OnShelf) as GoodsStatus,
        stock: read.optionalInteger('stock', 0, 100_000_000),
        sellNumber: 0,
        createdAt: now,
      };
      return { goods, label: read.label };
    });
    const ids = checkUniqueIds(rows.map(({ goods, label }) => ({ id: goods.id, label })), problems);
    const updated = (await existingIds(db, 'goods', ids)).size;
    return {
      created: rows.length - updated,
      updated,
      write: (trx, progress) => importGoods(trx, rows.map(({ goods }) => goods), now, progress),
    };
  },
};

async function shopsOf(db: Knex, ids: readonly number[]): Promise<Map<number, Shop>> {
  const shops = new Map<number, Shop>();
  for (const chunk of chunks([...new Set(ids)], 1000)) {
    const rows = (await db('merchants').whereIn('id', chunk).select('id', 'oper_id', 'business_start', 'business_end')) as Array<{
      id: number;
      oper_id: number;
      business_start: string;
      business_end: string;
    }>;
    for (const row of rows) shops.set(Number(row.id), { operId: Number(row.oper_id), hours: [row.business_start, row.business_end] });
  }
  return shops;
}
