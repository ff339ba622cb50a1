import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { insertOper } from '../../../adapters/knex/knex-oper-writer.js';
import { OperStatus, formatShanghaiDate } from '../../../core/index.js';
import { DEMO_APPS, sandboxOpenId } from '../../wechat-sandbox/demo-apps.js';
import { DEMO_CATEGORIES, DEMO_MERCHANTS, type DemoGoods } from './demo-catalog.js';

export const DEMO_USER = { mobile: '13800138000', name: '演示用户' } as const;

export interface DemoDataOptions {
  readonly secrets: SecretBox;
  /** The load day: goods are on sale relative to it. */
  readonly now: Date;
  readonly logger?: Logger;
}

const DAY_MS = 24 * 3600_000;

/**
 * Fills an empty database with the demo of spec/API.md "Running it": opers 1 and 2 with the
 * sandbox's mini programs, categories, merchants and goods of both, and the demo user bound to the
 * openId that code `user` yields in `wx0000000000000001`. A database that has opers is left alone.
 */
export async function loadDemoData(db: Knex, options: DemoDataOptions): Promise<boolean> {
  const loaded = await db.transaction(async (trx) => {
    if (await trx('opers').first('id')) return false;
    const at = options.now.getTime();
    await insertOpers(trx, options.secrets, options.now);
    const categoryIds = await insertCategories(trx);
    for (const merchant of DEMO_MERCHANTS) {
      const [merchantId] = await trx('merchants').insert({
        oper_id: merchant.operId,
        merchant_category_id: categoryIds.get(merchant.category),
        name: merchant.name,
        brand: merchant.brand,
        region: 1,
        address: merchant.address,
        province: merchant.place.province,
        province_id: merchant.place.provinceId,
        city: merchant.place.city,
        city_id: merchant.place.cityId,
        area: merchant.place.area,
        area_id: merchant.place.areaId,
        lng: merchant.lng,
        lat: merchant.lat,
        business_start: merchant.hours[0],
        business_end: merchant.hours[1],
        logo: '',
        desc_pic: '',
        desc: merchant.desc,
        contacter: merchant.contacter,
        contacter_phone: merchant.phone,
        status: merchant.status ?? 1,
        created_at: at,
        updated_at: at,
      });
      for (const goods of merchant.goods) {
        await trx('goods').insert(goodsRow(goods, merchant.operId, Number(merchantId), merchant.hours, options.now));
      }
    }
    const [userId] = await trx('users').insert({ ...DEMO_USER, created_at: at, updated_at: at });
    const [first] = DEMO_APPS;
    await trx('wechat_identities').insert({
      appid: first!.appid,
      open_id: sandboxOpenId(first!.appid, 'user'),
      user_id: userId,
      created_at: at,
      updated_at: at,
    });
    return true;
  });
  if (loaded) options.logger?.info({ merchants: DEMO_MERCHANTS.length }, 'demo data loaded');
  return loaded;
}

async function insertOpers(trx: Knex.Transaction, secrets: SecretBox, now: Date): Promise<void> {
  const names = ['北京运营中心', '成都运营中心'];
  for (const [index, app] of DEMO_APPS.entries()) {
    const oper = {
      id: index + 1,
      name: names[index] ?? `运营中心${index + 1}`,
      status: OperStatus.Enabled,
      miniProgram: { appid: app.appid, sealedSecret: secrets.seal(app.secret) },
      pay: null,
    };
    await insertOper(trx, oper, now);
  }
}

async function insertCategories(trx: Knex.Transaction): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [sort, category] of DEMO_CATEGORIES.entries()) {
    const [id] = await trx('merchant_categories').insert({
      pid: category.parent ? ids.get(category.parent) : 0,
      name: category.name,
      icon: '',
      status: category.status ?? 1,
      sort,
    });
    ids.set(category.key, Number(id));
  }
  return ids;
}

function goodsRow(goods: DemoGoods, operId: number, merchantId: number, hours: readonly [string, string], now: Date) {
  const day = (offset: number) => formatShanghaiDate(new Date(now.getTime() + offset * DAY_MS));
  const at = now.getTime();
  return {
    oper_id: operId,
    merchant_id: merchantId,
    name: goods.name,
    desc: goods.desc,
    market_price: goods.marketPrice,
    price: goods.price,
    start_date: day(goods.startInDays),
    end_date: day(goods.endInDays),
    business_start: hours[0],
    business_end: hours[1],
    thumb_url: '',
    pic: '',
    pic_list: '[]',
    buy_info: '购买后请于有效期内到店出示核销码使用。',
    status: goods.status ?? 1,
    stock: goods.stock ?? null,
    sell_number: 0,
    created_at: at,
    updated_at: at,
  };
}
