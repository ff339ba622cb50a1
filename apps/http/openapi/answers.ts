import { FLAG, ID, ORDER_NO, DATE_TIME, listOf, object, ref } from './shapes.js';

const TOTAL = { type: 'integer', minimum: 0, description: '总数' } as const;

/**
 * The `data` of each route's success answer, as a JSON schema: given to `apiHandler` beside the
 * parameter schema, so the API document, the client's types and the answer checks of the HTTP
 * suites all read the same one.
 */
export const ANSWERS = {
  wxLogin: object({ token: { type: 'string', description: '登录凭证, 30 天有效' }, userInfo: ref('UserInfo') }, ['userInfo'], '`userInfo` 仅在此 openId 已绑定用户时存在'),
  sendVerifyCode: object({ verify_code: { type: 'string', pattern: '^\\d{6}$', description: '仅非生产环境返回' } }, ['verify_code']),
  login: object({ userInfo: ref('UserInfo') }),
  loginWithSceneId: object(
    { userInfo: ref('UserInfo'), payload: object({ user_id: ID, order_no: ORDER_NO }) },
    ['userInfo'],
    '此 token 获得该订单的授权 (查看, 支付); `userInfo` 仅在此 openId 已绑定用户时存在',
  ),
  areaTree: object({ list: listOf(ref('AreaNode')) }),
  citiesWithHot: {
    type: 'object',
    description: '`热门`, 然后按拼音首字母 A..Z (仅非空字母)',
    properties: { 热门: listOf(ref('Area')) },
    patternProperties: { '^[A-Z]$': listOf(ref('Area')) },
    required: ['热门'],
    additionalProperties: false,
  },
  areaChain: ref('AreaChain'),
  categoryTree: object({ list: listOf(ref('CategoryNode')) }),
  merchants: object({ total: TOTAL, list: listOf(ref('Merchant')) }),
  merchant: ref('Merchant'),
  goodsList: object({ list: listOf(ref('Goods')) }),
  goods: ref('Goods'),
  buy: object({ order_no: ORDER_NO, isOperSelf: FLAG, sdk_config: ref('SdkConfig') }, ['sdk_config'], '`sdk_config` 仅在 isOperSelf 为 1 时存在'),
  pay: object({ order_no: ORDER_NO, sdk_config: ref('SdkConfig') }),
  order: ref('Order'),
  orders: object({ total: TOTAL, list: listOf(ref('Order')) }),
  refund: ref('Refund'),
  /** `POST /order/bridge`: the bridge page's address with a ticket, and when the ticket expires. */
  bridge: object({ url: { type: 'string', format: 'uri' }, expires_at: DATE_TIME }),
} as const satisfies Record<string, object>;
