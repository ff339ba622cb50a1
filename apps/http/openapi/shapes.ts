/**
 * The JSON shapes the API answers with, as JSON schemas (2020-12, the dialect of OpenAPI 3.1).
 * Named shapes become `components.schemas` of the API document; routes refer to them with
 * {@link ref}. They describe what the presenters write, field for field (the seed's names), and
 * the HTTP suites check every answer they receive against them.
 */

/** A reference to a named shape. */
export function ref(name: ShapeName): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** An object whose every listed property is required, unless named in `optional`; no other property. */
export function object(properties: Record<string, object>, optional: readonly string[] = [], description?: string): object {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    additionalProperties: false,
  };
}

/** A list of `items`. */
export const listOf = (items: object): object => ({ type: 'array', items });

const nullable = (schema: { type: string } & Record<string, unknown>): object => ({ ...schema, type: [schema.type, 'null'] });

export const ID = { type: 'integer', minimum: 1 } as const;
const COUNT = { type: 'integer', minimum: 0 } as const;
export const FLAG = { type: 'integer', enum: [0, 1], description: '1 是, 0 否' } as const;
export const MONEY = { type: 'string', pattern: '^\\d+\\.\\d{2}$', description: '金额 (元, 两位小数)', examples: ['12.50'] } as const;
export const DATE_TIME = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$', description: 'Asia/Shanghai' } as const;
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
export const ORDER_NO = { type: 'string', pattern: '^\\d{1,32}$', description: '订单号' } as const;
const AREA_CODE = { type: 'integer', minimum: 100000, maximum: 999999, description: 'GB/T 2260 代码' } as const;
const BUSINESS_TIME = {
  type: 'array',
  items: { type: 'string', pattern: '^\\d{2}:\\d{2}:\\d{2}$' },
  minItems: 2,
  maxItems: 2,
  description: '营业时间 [开始, 结束]',
} as const;

const AREA_FIELDS = { id: ID, area_id: AREA_CODE, name: { type: 'string' }, parent_id: { type: 'integer', minimum: 0, description: '上级 area_id, 顶级为 0' } };
/** Province, city and county: names and codes. */
const PLACE_FIELDS = {
  province: { type: 'string' },
  province_id: AREA_CODE,
  city: { type: 'string' },
  city_id: AREA_CODE,
  area: { type: 'string' },
  area_id: AREA_CODE,
};
const CATEGORY_FIELDS = {
  id: ID,
  pid: { type: 'integer', minimum: 0, description: '上级分类ID, 顶级为 0' },
  name: { type: 'string' },
  icon: { type: 'string' },
  status: { type: 'integer', enum: [1, 2], description: '1 启用 2 禁用' },
};

/** Every named shape of the API. */
export const SHAPES = {
  UserInfo: object({ id: ID, name: { type: 'string' }, mobile: { type: 'string', pattern: '^1[3-9]\\d{9}$' } }),
  Area: object(AREA_FIELDS),
  AreaNode: object({ ...AREA_FIELDS, sub: listOf(ref('AreaNode')) }, ['sub'], '`sub` 仅在有下级时存在'),
  AreaChain: object(PLACE_FIELDS),
  CategoryNode: object({ ...CATEGORY_FIELDS, sub: listOf(ref('CategoryNode')) }, ['sub']),
  Merchant: object(
    {
      id: ID,
      oper_id: ID,
      merchant_category_id: ID,
      merchantCategoryName: { type: 'string' },
      name: { type: 'string' },
      brand: { type: 'string' },
      region: { type: 'integer' },
      address: { type: 'string' },
      ...PLACE_FIELDS,
      lng: { type: 'number', minimum: -180, maximum: 180 },
      lat: { type: 'number', minimum: -90, maximum: 90 },
      business_time: BUSINESS_TIME,
      logo: { type: 'string' },
      desc_pic: { type: 'string' },
      desc: { type: 'string' },
      contacter: { type: 'string' },
      contacter_phone: { type: 'string' },
      status: { type: 'integer', enum: [1, 2], description: '1 正常 2 禁用' },
      distance: { ...COUNT, description: '与 lng/lat 的距离 (米), 仅在给出 lng/lat 时存在' },
      lowestAmount: { ...nullable({ ...MONEY }), description: '在售商品最低价, 无在售商品时为 null' },
      isOperSelf: FLAG,
    },
    ['distance'],
  ),
  Goods: object({
    id: ID,
    oper_id: ID,
    merchant_id: ID,
    name: { type: 'string' },
    desc: { type: 'string' },
    market_price: MONEY,
    price: MONEY,
    start_date: DATE,
    end_date: DATE,
    business_time: BUSINESS_TIME,
    thumb_url: { type: 'string' },
    pic: { type: 'string' },
    pic_list: listOf({ type: 'string' }),
    buy_info: { type: 'string' },
    status: { type: 'integer', enum: [1, 2], description: '1 上架 2 下架' },
    stock: { ...nullable({ type: 'integer', minimum: 0 }), description: '库存, 不限时为 null' },
    sell_number: COUNT,
    isOperSelf: FLAG,
  }),
  OrderItem: object({
    id: ID,
    order_id: ID,
    verify_code: { type: 'string', pattern: '^\\d{12}$', description: '核销码' },
    status: { type: 'integer', enum: [1, 2, 3], description: '1 未核销 2 已核销 3 已退款' },
  }),
  Refund: object({
    id: ID,
    order_id: ID,
    order_no: ORDER_NO,
    amount: MONEY,
    updated_at: DATE_TIME,
    created_at: DATE_TIME,
    refund_id: { ...nullable({ type: 'string' }), description: '微信退款单号, 微信受理前为 null' },
    status: { type: 'integer', enum: [1, 2, 3], description: '1 退款中 2 已退款 3 退款失败' },
  }),
  Order: object(
    {
      id: ID,
      oper_id: ID,
      order_no: ORDER_NO,
      user_id: ID,
      user_name: { type: 'string' },
      notify_mobile: nullable({ type: 'string' }),
      merchant_id: ID,
      merchant_name: { type: 'string' },
      goods_id: ID,
      goods_name: { type: 'string' },
      goods_pic: { type: 'string' },
      goods_thumb_url: { type: 'string' },
      price: MONEY,
      buy_number: { type: 'integer', minimum: 1, maximum: 99 },
      pay_price: MONEY,
      pay_time: nullable({ ...DATE_TIME }),
      refund_price: nullable({ ...MONEY }),
      refund_time: nullable({ ...DATE_TIME }),
      status: { type: 'integer', enum: [1, 2, 3, 4, 6, 7], description: '1 未支付 2 已取消 3 已关闭 4 已付款 6 已退款 7 已完成' },
      created_at: DATE_TIME,
      items: { ...listOf(ref('OrderItem')), description: '核销码, 已付款及之后才存在' },
      refunds: { ...listOf(ref('Refund')), description: '退款记录, 新的在前 (订单详情)' },
      isOperSelf: FLAG,
    },
    ['items', 'refunds'],
  ),
  SdkConfig: object(
    {
      appId: { type: 'string' },
      nonceStr: { type: 'string' },
      package: { type: 'string', pattern: '^prepay_id=\\S+$' },
      signType: { type: 'string', const: 'RSA' },
      paySign: { type: 'string' },
      timestamp: { type: 'string', pattern: '^\\d{1,12}$', description: '秒' },
      timeStamp: { type: 'string', pattern: '^\\d{1,12}$', description: '同 timestamp, wx.requestPayment 的写法' },
    },
    [],
    '原样传给 wx.requestPayment',
  ),
} satisfies Record<ShapeName, object>;

export type ShapeName =
  | 'UserInfo'
  | 'Area'
  | 'AreaNode'
  | 'AreaChain'
  | 'CategoryNode'
  | 'Merchant'
  | 'Goods'
  | 'OrderItem'
  | 'Refund'
  | 'Order'
  | 'SdkConfig';
