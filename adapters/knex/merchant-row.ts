import type { Merchant, MerchantStatus } from '../../core/index.js';

/** A row of `merchants`. */
export interface MerchantRow {
  id: number;
  oper_id: number;
  merchant_category_id: number;
  name: string;
  brand: string;
  region: number;
  address: string;
  province: string;
  province_id: number;
  city: string;
  city_id: number;
  area: string;
  area_id: number;
  lng: number;
  lat: number;
  business_start: string;
  business_end: string;
  logo: string;
  desc_pic: string;
  desc: string | null;
  contacter: string;
  contacter_phone: string;
  status: number;
  created_at: number;
  updated_at: number;
}

export function merchantFromRow(row: MerchantRow): Merchant {
  return {
    id: Number(row.id),
    operId: Number(row.oper_id),
    categoryId: Number(row.merchant_category_id),
    name: row.name,
    brand: row.brand,
    region: Number(row.region),
    address: row.address,
    province: row.province,
    provinceId: Number(row.province_id),
    city: row.city,
    cityId: Number(row.city_id),
    area: row.area,
    areaId: Number(row.area_id),
    location: { lng: Number(row.lng), lat: Number(row.lat) },
    businessTime: [row.business_start, row.business_end],
    logo: row.logo,
    descPic: row.desc_pic,
    desc: row.desc ?? '',
    contacter: row.contacter,
    contacterPhone: row.contacter_phone,
    status: Number(row.status) as MerchantStatus,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** The columns of a merchant, all but id and times. */
export function merchantColumns(merchant: Omit<Merchant, 'id' | 'createdAt'>): Omit<MerchantRow, 'id' | 'created_at' | 'updated_at'> {
  return {
    oper_id: merchant.operId,
    merchant_category_id: merchant.categoryId,
    name: merchant.name,
    brand: merchant.brand,
    region: merchant.region,
    address: merchant.address,
    province: merchant.province,
    province_id: merchant.provinceId,
    city: merchant.city,
    city_id: merchant.cityId,
    area: merchant.area,
    area_id: merchant.areaId,
    lng: merchant.location.lng,
    lat: merchant.location.lat,
    business_start: merchant.businessTime[0],
    business_end: merchant.businessTime[1],
    logo: merchant.logo,
    desc_pic: merchant.descPic,
    desc: merchant.desc,
    contacter: merchant.contacter,
    contacter_phone: merchant.contacterPhone,
    status: merchant.status,
  };
}
