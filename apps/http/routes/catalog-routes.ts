import { Router } from '@koa/router';
import type {
  GetAreaTree,
  GetGoodsDetail,
  GetMerchantDetail,
  ListCategoryTree,
  ListCitiesWithHot,
  ListGoods,
  LocateByGps,
  SearchMerchants,
} from '../../../core/index.js';
import { type EdgeKit, apiHandler } from '../edge/api-handler.js';
import { ANSWERS } from '../openapi/answers.js';
import { conditionalAnswer } from '../edge/conditional-answer.js';
import { ParamSchema } from '../edge/validation.js';
import {
  areaChainJson,
  areaJson,
  areaNodeJson,
  categoryNodeJson,
  goodsJson,
  merchantJson,
} from '../presenters/catalog-presenters.js';

export interface CatalogRouteDeps {
  readonly kit: EdgeKit;
  readonly getAreaTree: GetAreaTree;
  readonly listCitiesWithHot: ListCitiesWithHot;
  readonly locateByGps: LocateByGps;
  readonly listCategoryTree: ListCategoryTree;
  readonly searchMerchants: SearchMerchants;
  readonly getMerchantDetail: GetMerchantDetail;
  readonly listGoods: ListGoods;
  readonly getGoodsDetail: GetGoodsDetail;
}

const ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;
const LNG = { type: 'number', minimum: -180, maximum: 180 } as const;
const LAT = { type: 'number', minimum: -90, maximum: 90 } as const;

/**
 * An optional parameter. `nullable` is true to the contract: JSON `null` (and `''` in text) counts
 * as not sent, and it is what ties an optional property to its TypeScript type (`JSONSchemaType`).
 */
const optional = <S extends object>(schema: S) => ({ ...schema, nullable: true }) as const;

const noParams = new ParamSchema<object>({ type: 'object', properties: {}, required: [] });

const treeParams = new ParamSchema<{ tier: 1 | 2 | 3 }>({
  type: 'object',
  properties: { tier: { type: 'integer', enum: [1, 2, 3], default: 3 } },
  required: [],
});

const gpsParams = new ParamSchema<{ lng: number; lat: number; coordsys: 'gcj02' | 'wgs84' }>({
  type: 'object',
  properties: { lng: LNG, lat: LAT, coordsys: { type: 'string', enum: ['gcj02', 'wgs84'], default: 'gcj02' } },
  required: ['lng', 'lat'],
});

interface MerchantsParams {
  city_id?: number;
  keyword?: string;
  merchant_category_id?: number;
  lng?: number;
  lat?: number;
  radius?: number;
  page: number;
  page_size: number;
}

const merchantsParams = new ParamSchema<MerchantsParams>({
  type: 'object',
  properties: {
    city_id: optional(ID),
    keyword: optional({ type: 'string', maxLength: 50 }),
    merchant_category_id: optional(ID),
    lng: optional(LNG),
    lat: optional(LAT),
    radius: optional({ type: 'integer', minimum: 1, maximum: 50_000 }),
    page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
    page_size: { type: 'integer', minimum: 1, maximum: 100, default: 15 },
  },
  required: [],
  dependencies: { lng: ['lat'], lat: ['lng'], radius: ['lng', 'lat'] },
});

const detailParams = new ParamSchema<{ id: number; lng?: number; lat?: number }>({
  type: 'object',
  properties: { id: ID, lng: optional(LNG), lat: optional(LAT) },
  required: ['id'],
  dependencies: { lng: ['lat'], lat: ['lng'] },
});

const goodsParams = new ParamSchema<{ merchant_id: number }>({
  type: 'object',
  properties: { merchant_id: ID },
  required: ['merchant_id'],
});

const goodsDetailParams = new ParamSchema<{ id: number }>({
  type: 'object',
  properties: { id: ID },
  required: ['id'],
});

const originOf = (p: { lng?: number; lat?: number }) =>
  p.lng === undefined || p.lat === undefined ? null : { lng: p.lng, lat: p.lat };

/**
 * Areas, categories, merchants and goods: the browsing half of the API. The area tree, the cities
 * and the categories carry an ETag and answer 304 to a matching `If-None-Match`.
 */
export function catalogRoutes(deps: CatalogRouteDeps): Router {
  const { kit } = deps;
  return new Router()
    .get(
      '/area/tree',
      conditionalAnswer(),
      apiHandler(kit, 'token', { params: treeParams, answer: ANSWERS.areaTree, summary: '省市区树' }, async ({ params }) => ({
        list: (await deps.getAreaTree.execute({ tier: params.tier })).map(areaNodeJson),
      })),
    )
    .get(
      '/area/cities/withHot',
      conditionalAnswer(),
      apiHandler(kit, 'token', { params: noParams, answer: ANSWERS.citiesWithHot, summary: '城市及热门城市列表' }, async () => {
        const { hot, byInitial } = await deps.listCitiesWithHot.execute();
        const data: Record<string, unknown> = { 热门: hot.map(areaJson) };
        for (const [letter, cities] of byInitial) data[letter] = cities.map(areaJson);
        return data;
      }),
    )
    .get(
      '/area/getByGps',
      apiHandler(kit, 'token', { params: gpsParams, answer: ANSWERS.areaChain, summary: '根据经纬度获取所在省市区' }, async ({ params }) => areaChainJson(await deps.locateByGps.execute(params))),
    )
    .get(
      '/merchant/categories/tree',
      conditionalAnswer(),
      apiHandler(kit, 'token', { params: noParams, answer: ANSWERS.categoryTree, summary: '商家类别树' }, async () => ({
        list: (await deps.listCategoryTree.execute()).map(categoryNodeJson),
      })),
    )
    .get(
      '/merchants',
      apiHandler(kit, 'token', { params: merchantsParams, answer: ANSWERS.merchants, summary: '商家列表 (关键字搜索, 附近商家等)' }, async ({ params: p, caller }) => {
        const origin = originOf(p);
        const { total, listings } = await deps.searchMerchants.execute({
          page: p.page,
          pageSize: p.page_size,
          ...(p.city_id === undefined ? {} : { cityId: p.city_id }),
          ...(p.keyword === undefined ? {} : { keyword: p.keyword }),
          ...(p.merchant_category_id === undefined ? {} : { categoryId: p.merchant_category_id }),
          ...(origin ? { origin, ...(p.radius === undefined ? {} : { radius: p.radius }) } : {}),
        });
        return { total, list: listings.map((listing) => merchantJson(listing, caller.operId)) };
      }),
    )
    .get(
      '/merchant/detail',
      apiHandler(kit, 'token', { params: detailParams, answer: ANSWERS.merchant, summary: '商家详情' }, async ({ params, caller }) =>
        merchantJson(await deps.getMerchantDetail.execute({ id: params.id, origin: originOf(params) }), caller.operId),
      ),
    )
    .get(
      '/goods',
      apiHandler(kit, 'token', { params: goodsParams, answer: ANSWERS.goodsList, summary: '商家的在售商品列表' }, async ({ params, caller }) => ({
        list: (await deps.listGoods.execute({ merchantId: params.merchant_id })).map((g) => goodsJson(g, caller.operId)),
      })),
    )
    .get(
      '/goods/detail',
      apiHandler(kit, 'token', { params: goodsDetailParams, answer: ANSWERS.goods, summary: '商品详情' }, async ({ params, caller }) =>
        goodsJson(await deps.getGoodsDetail.execute({ id: params.id }), caller.operId),
      ),
    );
}
