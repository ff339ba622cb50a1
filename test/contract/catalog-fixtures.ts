import type { GeoPoint } from '../../core/index.js';
import { operWithoutPay, T0 } from './fixtures.js';
import type { AreaToLoad, CategoryToAdd, GoodsToAdd, MerchantToAdd, RepositoryContext } from './repository-context.js';

/** The mean earth radius of core's distanceInMetres, to place points at exact distances. */
const EARTH_RADIUS_M = 6_371_008.8;
const DEGREE = 180 / Math.PI;

/** Tiananmen, GCJ-02. */
export const ORIGIN: GeoPoint = { lng: 116.397128, lat: 39.916527 };

/** The point `metres` due north of `from` (along a meridian, so the great-circle distance is exact). */
export function north(metres: number, from: GeoPoint = ORIGIN): GeoPoint {
  return { lng: from.lng, lat: from.lat + (metres / EARTH_RADIUS_M) * DEGREE };
}

/** The point about `metres` due east of `from` (for layouts; measure it with distanceInMetres). */
export function east(metres: number, from: GeoPoint = ORIGIN): GeoPoint {
  return { lng: from.lng + ((metres / EARTH_RADIUS_M) * DEGREE) / Math.cos(from.lat / DEGREE), lat: from.lat };
}

export const BEIJING = { province: '北京市', provinceId: 110000, city: '北京市', cityId: 110100, area: '东城区', areaId: 110101 };
export const SHANGHAI = { province: '上海市', provinceId: 310000, city: '上海市', cityId: 310100, area: '黄浦区', areaId: 310101 };

export function aCategory(overrides: Partial<CategoryToAdd> = {}): CategoryToAdd {
  return { pid: 0, name: '美食', icon: 'https://cdn.example.com/icons/food.png', status: 1, sort: 0, ...overrides };
}

export function aMerchant(operId: number, categoryId: number, overrides: Partial<MerchantToAdd> = {}): MerchantToAdd {
  return {
    operId,
    categoryId,
    name: '老北京涮肉',
    brand: '东来顺',
    region: 1,
    address: '王府井大街 138 号',
    ...BEIJING,
    location: ORIGIN,
    businessTime: ['10:30:00', '22:00:00'],
    logo: 'https://cdn.example.com/logo.png',
    descPic: 'https://cdn.example.com/desc.jpg',
    desc: '百年老店',
    contacter: '张三',
    contacterPhone: '010-65250000',
    status: 1,
    createdAt: T0,
    ...overrides,
  };
}

export function aGoods(operId: number, merchantId: number, overrides: Partial<GoodsToAdd> = {}): GoodsToAdd {
  return {
    operId,
    merchantId,
    name: '双人套餐',
    desc: '锅底 + 羊肉 2 份',
    marketPrice: 29800,
    price: 19900,
    startDate: '2025-03-01',
    endDate: '2025-12-31',
    businessTime: ['10:30:00', '21:00:00'],
    thumbUrl: 'https://cdn.example.com/thumb.jpg',
    pic: 'https://cdn.example.com/pic.jpg',
    picList: ['https://cdn.example.com/1.jpg', 'https://cdn.example.com/2.jpg'],
    buyInfo: '到店出示核销码',
    status: 1,
    stock: null,
    sellNumber: 0,
    createdAt: T0,
    ...overrides,
  };
}

/** An oper and a category to hang merchants on. */
export async function seedOwners(context: RepositoryContext): Promise<{ operId: number; categoryId: number }> {
  const oper = await context.addOper(operWithoutPay(1));
  const categoryId = await context.addCategory(aCategory());
  return { operId: oper.id, categoryId };
}

/** A small piece of the real tree, heteronyms included (重庆 C, 厦门 X). */
export const SOME_AREAS: readonly AreaToLoad[] = [
  { areaId: 110000, name: '北京市', parentId: 0, tier: 1, initial: 'B' },
  { areaId: 110100, name: '北京市', parentId: 110000, tier: 2, initial: 'B' },
  { areaId: 110101, name: '东城区', parentId: 110100, tier: 3, initial: 'D' },
  { areaId: 350000, name: '福建省', parentId: 0, tier: 1, initial: 'F' },
  { areaId: 350200, name: '厦门市', parentId: 350000, tier: 2, initial: 'X' },
  { areaId: 500000, name: '重庆市', parentId: 0, tier: 1, initial: 'C' },
  { areaId: 500100, name: '重庆市', parentId: 500000, tier: 2, initial: 'C' },
];
