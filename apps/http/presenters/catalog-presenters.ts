import {
  type Area,
  type AreaChain,
  type AreaNode,
  type CategoryNode,
  type Goods,
  type MerchantListing,
  formatFen,
} from '../../../core/index.js';

/** Maps catalog results to the seed's JSON field names. `isOperSelf` is against the caller's oper. */

const flag = (yes: boolean) => (yes ? 1 : 0);

export function areaJson(area: Area) {
  return { id: area.id, area_id: area.areaId, name: area.name, parent_id: area.parentId };
}

export function areaNodeJson(node: AreaNode): Record<string, unknown> {
  const json = areaJson(node.area);
  return node.children.length > 0 ? { ...json, sub: node.children.map(areaNodeJson) } : json;
}

export function areaChainJson(chain: AreaChain) {
  return {
    province: chain.province.name,
    province_id: chain.province.areaId,
    city: chain.city.name,
    city_id: chain.city.areaId,
    area: chain.county.name,
    area_id: chain.county.areaId,
  };
}

export function categoryNodeJson(node: CategoryNode): Record<string, unknown> {
  const { id, pid, name, icon, status } = node.category;
  const json = { id, pid, name, icon, status };
  return node.children.length > 0 ? { ...json, sub: node.children.map(categoryNodeJson) } : json;
}

export function merchantJson({ merchant: m, categoryName, lowestPrice, distance }: MerchantListing, operId: number) {
  return {
    id: m.id,
    oper_id: m.operId,
    merchant_category_id: m.categoryId,
    merchantCategoryName: categoryName,
    name: m.name,
    brand: m.brand,
    region: m.region,
    address: m.address,
    province: m.province,
    province_id: m.provinceId,
    city: m.city,
    city_id: m.cityId,
    area: m.area,
    area_id: m.areaId,
    lng: m.location.lng,
    lat: m.location.lat,
    business_time: [...m.businessTime],
    logo: m.logo,
    desc_pic: m.descPic,
    desc: m.desc,
    contacter: m.contacter,
    contacter_phone: m.contacterPhone,
    status: m.status,
    ...(distance === null ? {} : { distance }),
    lowestAmount: lowestPrice === null ? null : formatFen(lowestPrice),
    isOperSelf: flag(m.operId === operId),
  };
}

export function goodsJson(g: Goods, operId: number) {
  return {
    id: g.id,
    oper_id: g.operId,
    merchant_id: g.merchantId,
    name: g.name,
    desc: g.desc,
    market_price: formatFen(g.marketPrice),
    price: formatFen(g.price),
    start_date: g.startDate,
    end_date: g.endDate,
    business_time: [...g.businessTime],
    thumb_url: g.thumbUrl,
    pic: g.pic,
    pic_list: [...g.picList],
    buy_info: g.buyInfo,
    status: g.status,
    stock: g.stock,
    sell_number: g.sellNumber,
    isOperSelf: flag(g.operId === operId),
  };
}
