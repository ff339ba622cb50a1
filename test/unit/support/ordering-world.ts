import type { Caller, Goods, Merchant, PaymentSettings, Repositories, User, WechatPayConfig } from '../../../core/index.js';
import {
  InMemoryStore,
  InMemoryUnitOfWork,
  inMemoryRepositories,
  type NewInMemoryGoods,
  type NewInMemoryMerchant,
} from '../../../adapters/memory/index.js';
import { FakeClock } from '../../support/fake-clock.js';
import { InMemoryWechatPay } from './in-memory-wechat-pay.js';
import { APP1, APP2, MINUTE, START } from './identity-world.js';
import { RecordingLog } from './recording-log.js';
import { SequentialRandom } from './sequential-random.js';

export { APP1, APP2, DAY, HOUR, MINUTE, SECOND, START } from './identity-world.js';

/** The mini program of oper 3, a second oper that takes payments. */
export const APP3 = 'wx0000000000000003';

/** Oper 1 and oper 3 take WeChat Pay; oper 2 has no pay configuration. */
export const OPER_WITH_PAY = 1;
export const OPER_WITHOUT_PAY = 2;
export const OTHER_OPER_WITH_PAY = 3;

export const PAY_TIMEOUT_MS = 30 * MINUTE;

export const MAX_UNPAID_ORDERS = 5;

export const settings: PaymentSettings = {
  payTimeoutMs: PAY_TIMEOUT_MS,
  maxUnpaidOrdersPerUser: MAX_UNPAID_ORDERS,
  paymentNotifyUrl: (operId) => `https://api.example.com/api/wechat/pay/notify/${operId}`,
  refundNotifyUrl: (operId) => `https://api.example.com/api/wechat/refund/notify/${operId}`,
};

/** Merchants: a shop of each oper, and a disabled shop of oper 1. */
export const MERCHANT = { shop: 11, disabledShop: 12, shopOfOper2: 21, shopOfOper3: 31 } as const;

/** Goods on sale from 2026-11-01 to 2026-12-31 (START is 2026-11-28), unless named otherwise. */
export const GOODS = {
  /** Oper 1, 199.00 yuan, unlimited. */
  onShelf: 101,
  offShelf: 102,
  /** Oper 1, 3 units left. */
  limited: 103,
  /** On sale from 2026-11-29, the day after START. */
  notYetOnSale: 104,
  /** On sale until 2026-11-27, the day before START. */
  noLongerOnSale: 105,
  ofDisabledShop: 106,
  /** Oper 2 (no WeChat Pay), 50.00 yuan. */
  ofOper2: 201,
  /** Oper 3, 88.00 yuan. */
  ofOper3: 301,
} as const;

export const PRICE = 19900;

export interface OrderingWorld {
  readonly store: InMemoryStore;
  readonly clock: FakeClock;
  /** Over the store, outside any transaction: for arranging and inspecting. */
  readonly repositories: Repositories;
  readonly uow: InMemoryUnitOfWork;
  readonly wechatPay: InMemoryWechatPay;
  readonly random: SequentialRandom;
  /** What the ordering use cases reported at warn and error. */
  readonly log: RecordingLog;
  /** Bound users: alice and bob. */
  readonly alice: User;
  readonly bob: User;
  /** A caller in the mini program of `operId` (1, 2 or 3), as `user` (alice by default) or unbound with null. */
  callerIn(operId: number, user?: User | null): Caller;
}

function payConfig(operId: number): WechatPayConfig {
  return {
    mchid: `190000000${operId}`,
    merchantSerial: `SERIAL${operId}`,
    sealedPrivateKey: `sealed-key-${operId}`,
    sealedApiV3Key: `sealed-v3-${operId}`,
    platformPublicKey: `platform-pem-${operId}`,
    platformSerial: `PUB_KEY_ID_${operId}`,
  };
}

function merchant(id: number, operId: number, overrides: Partial<Merchant> = {}): NewInMemoryMerchant {
  return {
    id, operId, categoryId: 1, name: `商家${id}`, brand: '品牌', region: 1, address: '王府井大街 138 号',
    province: '北京市', provinceId: 110000, city: '北京市', cityId: 110100, area: '东城区', areaId: 110101,
    location: { lng: 116.397128, lat: 39.916527 }, businessTime: ['10:30:00', '22:00:00'], logo: 'https://cdn.example.com/logo.png',
    descPic: 'https://cdn.example.com/desc.jpg', desc: '百年老店', contacter: '张三', contacterPhone: '010-65250000',
    status: 1, createdAt: START, ...overrides,
  };
}

function goods(id: number, operId: number, merchantId: number, overrides: Partial<Goods> = {}): NewInMemoryGoods {
  return {
    id, operId, merchantId, name: `双人套餐${id}`, desc: '锅底 + 羊肉 2 份', marketPrice: 29800, price: PRICE,
    startDate: '2026-11-01', endDate: '2026-12-31', businessTime: ['10:30:00', '21:00:00'],
    thumbUrl: `https://cdn.example.com/thumb-${id}.jpg`, pic: `https://cdn.example.com/pic-${id}.jpg`, picList: [],
    buyInfo: '到店出示核销码', status: 1, stock: null, sellNumber: 0, createdAt: START, ...overrides,
  };
}

export async function orderingWorld(): Promise<OrderingWorld> {
  const store = new InMemoryStore();
  const clock = new FakeClock(START);
  const apps: Record<number, string> = { 1: APP1, 2: APP2, 3: APP3 };
  for (const id of [1, 2, 3]) {
    const pay = id === OPER_WITHOUT_PAY ? null : payConfig(id);
    await store.addOper({ id, name: `运营中心${id}`, status: 1, miniProgram: { appid: apps[id]!, sealedSecret: `sealed-${id}` }, pay }, START);
  }
  await store.addCategory({ id: 1, pid: 0, name: '美食', icon: 'https://cdn.example.com/food.png', status: 1, sort: 0 });
  await store.addMerchant(merchant(MERCHANT.shop, 1));
  await store.addMerchant(merchant(MERCHANT.disabledShop, 1, { status: 2 }));
  await store.addMerchant(merchant(MERCHANT.shopOfOper2, 2));
  await store.addMerchant(merchant(MERCHANT.shopOfOper3, 3));
  await store.addGoods(goods(GOODS.onShelf, 1, MERCHANT.shop));
  await store.addGoods(goods(GOODS.offShelf, 1, MERCHANT.shop, { status: 2 }));
  await store.addGoods(goods(GOODS.limited, 1, MERCHANT.shop, { stock: 3 }));
  await store.addGoods(goods(GOODS.notYetOnSale, 1, MERCHANT.shop, { startDate: '2026-11-29' }));
  await store.addGoods(goods(GOODS.noLongerOnSale, 1, MERCHANT.shop, { endDate: '2026-11-27' }));
  await store.addGoods(goods(GOODS.ofDisabledShop, 1, MERCHANT.disabledShop));
  await store.addGoods(goods(GOODS.ofOper2, 2, MERCHANT.shopOfOper2, { price: 5000 }));
  await store.addGoods(goods(GOODS.ofOper3, 3, MERCHANT.shopOfOper3, { price: 8800 }));

  const repositories = inMemoryRepositories(store);
  const alice = await repositories.users.findOrCreateByMobile('13800000001', '爱丽丝', START);
  const bob = await repositories.users.findOrCreateByMobile('13800000002', '鲍勃', START);
  return {
    store,
    clock,
    repositories,
    uow: new InMemoryUnitOfWork(store),
    wechatPay: new InMemoryWechatPay(clock),
    random: new SequentialRandom(),
    log: new RecordingLog(),
    alice,
    bob,
    callerIn: (operId, user = alice) => ({ operId, appid: apps[operId]!, openId: `openid-${operId}-${user?.id ?? 'guest'}`, user }),
  };
}
