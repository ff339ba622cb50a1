import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { insertCategory, insertGoods, insertMerchant } from '../../../adapters/knex/knex-catalog-writer.js';
import { KnexLocks } from '../../../adapters/knex/knex-locks.js';
import { insertOper, setMerchantAccount } from '../../../adapters/knex/knex-oper-writer.js';
import { generateApiV3Key, generateMerchantKeys } from '../../../adapters/wechat-pay/merchant-keys.js';
import { GoodsStatus, MerchantStatus, OperStatus, formatShanghaiDate } from '../../../core/index.js';
import { DEMO_APPS } from '../../shared/demo-accounts.js';
import { DEMO_CATEGORIES, DEMO_MERCHANTS, type DemoGoods, type DemoMerchant } from './demo-catalog.js';

export const DEMO_USER = { mobile: '13800138000', name: '演示用户' } as const;

export interface DemoDataOptions {
  readonly secrets: SecretBox;
  /** The load day: goods are on sale relative to it. */
  readonly now: Date;
  readonly logger?: Logger;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const OPER_NAMES = ['北京运营中心', '成都运营中心'];

/**
 * Fills an empty database with the demo of spec/API.md "Running it": opers 1 and 2 with the
 * sandbox's mini programs, categories, merchants and goods of both, and the demo user bound to the
 * openId that code `user` yields in `wx0000000000000001`. A database that has opers is left alone.
 */
export async function loadDemoData(db: Knex, options: DemoDataOptions): Promise<boolean> {
  const { now, secrets } = options;
  const loaded = await db.transaction(async (trx) => {
    // Instances starting at once on an empty database: the first to take the lock loads, the
    // others wait for its commit, then find the opers (reads after the lock see it, see KnexLocks).
    await new KnexLocks(trx).acquire('demo-data');
    if (await trx('opers').first('id')) return false;
    for (const [index, app] of DEMO_APPS.entries()) {
      const miniProgram = { appid: app.appid, sealedSecret: secrets.seal(app.secret) };
      const oper = await insertOper(trx, { id: index + 1, name: OPER_NAMES[index]!, status: OperStatus.Enabled, miniProgram, pay: null }, now);
      // A merchant account with keys made now (never committed); the platform key comes from the
      // WeChat Pay side when the sandbox enrols the account at start.
      const keys = generateMerchantKeys();
      await setMerchantAccount(trx, {
        operId: oper.id,
        mchid: `190000000${oper.id}`,
        merchantSerial: keys.serial,
        sealedPrivateKey: secrets.seal(keys.privateKeyPem),
        sealedApiV3Key: secrets.seal(generateApiV3Key()),
      }, now);
    }
    const categoryIds = new Map<string, number>();
    for (const [sort, c] of DEMO_CATEGORIES.entries()) {
      const pid = c.parent ? categoryIds.get(c.parent)! : 0;
      categoryIds.set(c.key, await insertCategory(trx, { pid, name: c.name, icon: '', status: c.status ?? 1, sort }));
    }
    for (const [index, merchant] of DEMO_MERCHANTS.entries()) {
      // Later entries are newer, so "newest first" lists them in reverse.
      const createdAt = new Date(now.getTime() - (DEMO_MERCHANTS.length - index) * MINUTE_MS);
      const merchantId = await insertMerchant(trx, merchantOf(merchant, categoryIds.get(merchant.category)!, createdAt));
      for (const goods of merchant.goods) await insertGoods(trx, goodsOf(goods, merchant, merchantId, createdAt, now));
    }
    const at = now.getTime();
    const [userId] = await trx('users').insert({ ...DEMO_USER, created_at: at, updated_at: at });
    const appid = DEMO_APPS[0]!.appid;
    await trx('wechat_identities').insert({ appid, open_id: DEMO_APPS[0]!.demoUserOpenId, user_id: userId, created_at: at, updated_at: at });
    return true;
  });
  if (loaded) options.logger?.info({ merchants: DEMO_MERCHANTS.length }, 'demo data loaded');
  return loaded;
}

function merchantOf(m: DemoMerchant, categoryId: number, createdAt: Date) {
  return {
    operId: m.operId,
    categoryId,
    name: m.name,
    brand: m.brand,
    region: 1,
    address: m.address,
    province: m.place.province,
    provinceId: m.place.provinceId,
    city: m.place.city,
    cityId: m.place.cityId,
    area: m.place.area,
    areaId: m.place.areaId,
    location: { lng: m.lng, lat: m.lat },
    businessTime: m.hours,
    logo: '',
    descPic: '',
    desc: m.desc,
    contacter: m.contacter,
    contacterPhone: m.phone,
    status: m.status ?? MerchantStatus.Normal,
    createdAt,
  };
}

function goodsOf(g: DemoGoods, m: DemoMerchant, merchantId: number, createdAt: Date, now: Date) {
  const day = (offset: number) => formatShanghaiDate(new Date(now.getTime() + offset * DAY_MS));
  return {
    operId: m.operId,
    merchantId,
    name: g.name,
    desc: g.desc,
    marketPrice: g.marketPrice,
    price: g.price,
    startDate: day(g.startInDays),
    endDate: day(g.endInDays),
    businessTime: m.hours,
    thumbUrl: '',
    pic: '',
    picList: [],
    buyInfo: '购买后请于有效期内到店出示核销码使用。',
    status: g.status ?? GoodsStatus.OnShelf,
    stock: g.stock ?? null,
    sellNumber: 0,
    createdAt,
  };
}
