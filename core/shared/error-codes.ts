/**
 * The numeric codes a client sees, with their Chinese messages.
 * Global codes are the seed's (10002 is unassigned there and stays unused); business codes are
 * those of spec/API.md, plus 20004 for an SMS provider failure, which the contract leaves open.
 */
export const ErrorCode = {
  Ok: 0,
  Internal: 500,
  RouteNotFound: 10000,
  InvalidParameter: 10001,
  NotLoggedIn: 10003,
  TokenInvalid: 10007,
  WrongVerifyCode: 20001,
  VerifyCodeExpired: 20002,
  SendTooOften: 20003,
  SmsSendFailed: 20004,
  LocationUnknown: 30001,
  MerchantUnavailable: 40001,
  GoodsUnavailable: 40002,
  GoodsOutOfDate: 40003,
  OutOfStock: 40004,
  OrderNotFound: 50001,
  OrderStatusForbids: 50002,
  OrderOfAnotherMiniProgram: 50003,
  TooManyUnpaidOrders: 50004,
  SceneInvalid: 60001,
  OpenIdMissing: 70010,
  AppidUnknown: 70011,
  WechatUnavailable: 70012,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorMessages: Readonly<Record<ErrorCode, string>> = {
  0: '请求成功',
  500: '服务器内部错误',
  10000: '接口不存在',
  10001: '参数不合法',
  10003: '未登录',
  10007: 'token无效或不存在',
  20001: '验证码错误',
  20002: '验证码已过期或不存在',
  20003: '发送过于频繁',
  20004: '短信发送失败，请稍后重试',
  30001: '无法根据经纬度定位',
  40001: '商家不存在或已禁用',
  40002: '商品不存在或已下架',
  40003: '商品不在有效期内',
  40004: '库存不足',
  50001: '订单不存在',
  50002: '订单状态不允许此操作',
  50003: '该订单不属于当前小程序',
  50004: '待支付订单过多',
  60001: '场景值无效、已使用或已过期',
  70010: '微信openId不存在',
  70011: '微信appid不存在',
  70012: '微信接口调用失败',
};
