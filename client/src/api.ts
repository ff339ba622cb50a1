// Generated from the API document (/openapi.json) by `npm run client:types`: do not edit.
// A test fails when this file no longer matches the document the server serves.
/* eslint-disable */

export type UserInfo = {
  id: number;
  name: string;
  mobile: string;
};

export type Area = {
  id: number;
  /** GB/T 2260 代码 */
  area_id: number;
  name: string;
  /** 上级 area_id, 顶级为 0 */
  parent_id: number;
};

/** `sub` 仅在有下级时存在 */
export type AreaNode = {
  id: number;
  /** GB/T 2260 代码 */
  area_id: number;
  name: string;
  /** 上级 area_id, 顶级为 0 */
  parent_id: number;
  sub?: AreaNode[];
};

export type AreaChain = {
  province: string;
  /** GB/T 2260 代码 */
  province_id: number;
  city: string;
  /** GB/T 2260 代码 */
  city_id: number;
  area: string;
  /** GB/T 2260 代码 */
  area_id: number;
};

export type CategoryNode = {
  id: number;
  /** 上级分类ID, 顶级为 0 */
  pid: number;
  name: string;
  icon: string;
  /** 1 启用 2 禁用 */
  status: 1 | 2;
  sub?: CategoryNode[];
};

export type Merchant = {
  id: number;
  oper_id: number;
  merchant_category_id: number;
  merchantCategoryName: string;
  name: string;
  brand: string;
  region: number;
  address: string;
  province: string;
  /** GB/T 2260 代码 */
  province_id: number;
  city: string;
  /** GB/T 2260 代码 */
  city_id: number;
  area: string;
  /** GB/T 2260 代码 */
  area_id: number;
  lng: number;
  lat: number;
  /** 营业时间 [开始, 结束] */
  business_time: string[];
  logo: string;
  desc_pic: string;
  desc: string;
  contacter: string;
  contacter_phone: string;
  /** 1 正常 2 禁用 */
  status: 1 | 2;
  /** 与 lng/lat 的距离 (米), 仅在给出 lng/lat 时存在 */
  distance?: number;
  /** 在售商品最低价, 无在售商品时为 null */
  lowestAmount: string | null;
  /** 1 是, 0 否 */
  isOperSelf: 0 | 1;
};

export type Goods = {
  id: number;
  oper_id: number;
  merchant_id: number;
  name: string;
  desc: string;
  /** 金额 (元, 两位小数) */
  market_price: string;
  /** 金额 (元, 两位小数) */
  price: string;
  start_date: string;
  end_date: string;
  /** 营业时间 [开始, 结束] */
  business_time: string[];
  thumb_url: string;
  pic: string;
  pic_list: string[];
  buy_info: string;
  /** 1 上架 2 下架 */
  status: 1 | 2;
  /** 库存, 不限时为 null */
  stock: number | null;
  sell_number: number;
  /** 1 是, 0 否 */
  isOperSelf: 0 | 1;
};

export type OrderItem = {
  id: number;
  order_id: number;
  /** 核销码 */
  verify_code: string;
  /** 1 未核销 2 已核销 3 已退款 */
  status: 1 | 2 | 3;
};

export type Refund = {
  id: number;
  order_id: number;
  /** 订单号 */
  order_no: string;
  /** 金额 (元, 两位小数) */
  amount: string;
  /** Asia/Shanghai */
  updated_at: string;
  /** Asia/Shanghai */
  created_at: string;
  /** 微信退款单号, 微信受理前为 null */
  refund_id: string | null;
  /** 1 退款中 2 已退款 3 退款失败 */
  status: 1 | 2 | 3;
};

export type Order = {
  id: number;
  oper_id: number;
  /** 订单号 */
  order_no: string;
  user_id: number;
  user_name: string;
  notify_mobile: string | null;
  merchant_id: number;
  merchant_name: string;
  goods_id: number;
  goods_name: string;
  goods_pic: string;
  goods_thumb_url: string;
  /** 金额 (元, 两位小数) */
  price: string;
  buy_number: number;
  /** 金额 (元, 两位小数) */
  pay_price: string;
  /** Asia/Shanghai */
  pay_time: string | null;
  /** 金额 (元, 两位小数) */
  refund_price: string | null;
  /** Asia/Shanghai */
  refund_time: string | null;
  /** 1 未支付 2 已取消 3 已关闭 4 已付款 6 已退款 7 已完成 */
  status: 1 | 2 | 3 | 4 | 6 | 7;
  /** Asia/Shanghai */
  created_at: string;
  /** 核销码, 已付款及之后才存在 */
  items?: OrderItem[];
  /** 退款记录, 新的在前 (订单详情) */
  refunds?: Refund[];
  /** 1 是, 0 否 */
  isOperSelf: 0 | 1;
};

/** 原样传给 wx.requestPayment */
export type SdkConfig = {
  appId: string;
  nonceStr: string;
  package: string;
  signType: "RSA";
  paySign: string;
  /** 秒 */
  timestamp: string;
  /** 同 timestamp, wx.requestPayment 的写法 */
  timeStamp: string;
};

/** 500 服务器内部错误; 10000 接口不存在; 10001 参数不合法; 10003 未登录; 10007 token无效或不存在; 20001 验证码错误; 20002 验证码已过期或不存在; 20003 发送过于频繁; 20004 短信发送失败，请稍后重试; 30001 无法根据经纬度定位; 40001 商家不存在或已禁用; 40002 商品不存在或已下架; 40003 商品不在有效期内; 40004 库存不足; 50001 订单不存在; 50002 订单状态不允许此操作; 50003 该订单不属于当前小程序; 50004 待支付订单过多; 60001 场景值无效、已使用或已过期; 70010 微信openId不存在; 70011 微信appid不存在; 70012 微信接口调用失败 */
export type Failure = {
  code: 500 | 10000 | 10001 | 10003 | 10007 | 20001 | 20002 | 20003 | 20004 | 30001 | 40001 | 40002 | 40003 | 40004 | 50001 | 50002 | 50003 | 50004 | 60001 | 70010 | 70011 | 70012;
  message: string;
  /** 少数错误附带, 例如 70012 时的 order_no */
  data?: Record<string, unknown>;
};

/** Every operation under /api/user: how it is called, its parameters and the `data` of its success answer. */
export interface Operations {
  wxLogin: {
    params: {
      code: string;
    };
    answer: {
      /** 登录凭证, 30 天有效 */
      token: string;
      userInfo?: UserInfo;
    };
  };
  smsVerifyCode: {
    params: {
      mobile: string;
    };
    answer: {
      /** 仅非生产环境返回 */
      verify_code?: string;
    };
  };
  login: {
    params: {
      mobile: string;
      verify_code: string;
    };
    answer: {
      userInfo: UserInfo;
    };
  };
  loginWithSceneId: {
    params: {
      sceneId: string;
    };
    answer: {
      userInfo?: UserInfo;
      payload: {
        user_id: number;
        /** 订单号 */
        order_no: string;
      };
    };
  };
  areaTree: {
    params: {
      tier?: 1 | 2 | 3;
    };
    answer: {
      list: AreaNode[];
    };
  };
  areaCitiesWithHot: {
    params: Record<string, never>;
    answer: {
      "热门": Area[];
      [key: string]: Area[];
    };
  };
  areaGetByGps: {
    params: {
      lng: number;
      lat: number;
      coordsys?: "gcj02" | "wgs84";
    };
    answer: AreaChain;
  };
  merchantCategoriesTree: {
    params: Record<string, never>;
    answer: {
      list: CategoryNode[];
    };
  };
  merchants: {
    params: {
      city_id?: number;
      keyword?: string;
      merchant_category_id?: number;
      /** 须与 lat 同时提供 */
      lng?: number;
      /** 须与 lng 同时提供 */
      lat?: number;
      /** 须与 lng, lat 同时提供 */
      radius?: number;
      page?: number;
      page_size?: number;
    };
    answer: {
      /** 总数 */
      total: number;
      list: Merchant[];
    };
  };
  merchantDetail: {
    params: {
      id: number;
      /** 须与 lat 同时提供 */
      lng?: number;
      /** 须与 lng 同时提供 */
      lat?: number;
    };
    answer: Merchant;
  };
  goods: {
    params: {
      merchant_id: number;
    };
    answer: {
      list: Goods[];
    };
  };
  goodsDetail: {
    params: {
      id: number;
    };
    answer: Goods;
  };
  orderBuy: {
    params: {
      goods_id: number;
      number: number;
      notify_mobile?: string;
    };
    answer: {
      /** 订单号 */
      order_no: string;
      /** 1 是, 0 否 */
      isOperSelf: 0 | 1;
      sdk_config?: SdkConfig;
    };
  };
  orderPay: {
    params: {
      order_no: string;
    };
    answer: {
      /** 订单号 */
      order_no: string;
      sdk_config: SdkConfig;
    };
  };
  orderCancel: {
    params: {
      order_no: string;
    };
    answer: Order;
  };
  orders: {
    params: {
      status?: 1 | 2 | 3 | 4 | 6 | 7;
      page?: number;
      page_size?: number;
    };
    answer: {
      /** 总数 */
      total: number;
      list: Order[];
    };
  };
  orderDetail: {
    params: {
      order_no: string;
    };
    answer: Order;
  };
  orderRefund: {
    params: {
      order_no: string;
    };
    answer: Refund;
  };
  orderBridge: {
    params: {
      order_no: string;
      page?: string;
    };
    answer: {
      url: string;
      /** Asia/Shanghai */
      expires_at: string;
    };
  };
}

/** How each operation is called. `token`: whether it needs a login. */
export const OPERATIONS = {
  wxLogin: { method: 'POST', path: '/wxLogin', token: false },
  smsVerifyCode: { method: 'POST', path: '/sms/verify_code', token: true },
  login: { method: 'POST', path: '/login', token: true },
  loginWithSceneId: { method: 'POST', path: '/loginWithSceneId', token: true },
  areaTree: { method: 'GET', path: '/area/tree', token: true },
  areaCitiesWithHot: { method: 'GET', path: '/area/cities/withHot', token: true },
  areaGetByGps: { method: 'GET', path: '/area/getByGps', token: true },
  merchantCategoriesTree: { method: 'GET', path: '/merchant/categories/tree', token: true },
  merchants: { method: 'GET', path: '/merchants', token: true },
  merchantDetail: { method: 'GET', path: '/merchant/detail', token: true },
  goods: { method: 'GET', path: '/goods', token: true },
  goodsDetail: { method: 'GET', path: '/goods/detail', token: true },
  orderBuy: { method: 'POST', path: '/order/buy', token: true },
  orderPay: { method: 'POST', path: '/order/pay', token: true },
  orderCancel: { method: 'POST', path: '/order/cancel', token: true },
  orders: { method: 'GET', path: '/orders', token: true },
  orderDetail: { method: 'GET', path: '/order/detail', token: true },
  orderRefund: { method: 'POST', path: '/order/refund', token: true },
  orderBridge: { method: 'POST', path: '/order/bridge', token: true },
} as const;

/** What a typed method answers: the `data` of the operation, or why not. */
export type Call = <K extends keyof Operations>(name: K, params: Operations[K]['params']) => Promise<Result<Operations[K]['answer']>>;

/**
 * Outcomes of a call: `ok` with the data; `bind-phone` (10003: the page asks for the phone and
 * calls `bindPhone`); `error` with the API's code and message (and data, e.g. 70012's order_no);
 * `network` when wx.request itself failed.
 */
export type Result<T> =
  | { readonly kind: 'ok'; readonly data: T }
  | { readonly kind: 'bind-phone'; readonly code: 10003; readonly message: string }
  | { readonly kind: 'error'; readonly code: number; readonly message: string; readonly data?: Record<string, unknown> }
  | { readonly kind: 'network'; readonly message: string };

/** One typed method per operation. */
export abstract class ApiMethods {
  protected abstract call: Call;
  /** 微信登录: wx.login 的 code 换 token: `POST /api/user/wxLogin` */
  wxLogin(params: Operations['wxLogin']['params']): Promise<Result<Operations['wxLogin']['answer']>> {
    return this.call('wxLogin', params);
  }
  /** 发送短信验证码: `POST /api/user/sms/verify_code` */
  smsVerifyCode(params: Operations['smsVerifyCode']['params']): Promise<Result<Operations['smsVerifyCode']['answer']>> {
    return this.call('smsVerifyCode', params);
  }
  /** 登录 (绑定手机号): `POST /api/user/login` */
  login(params: Operations['login']['params']): Promise<Result<Operations['login']['answer']>> {
    return this.call('login', params);
  }
  /** 使用场景ID快捷登录 (跳转到另一运营中心的小程序后): `POST /api/user/loginWithSceneId` */
  loginWithSceneId(params: Operations['loginWithSceneId']['params']): Promise<Result<Operations['loginWithSceneId']['answer']>> {
    return this.call('loginWithSceneId', params);
  }
  /** 省市区树: `GET /api/user/area/tree` */
  areaTree(params: Operations['areaTree']['params'] = {}): Promise<Result<Operations['areaTree']['answer']>> {
    return this.call('areaTree', params);
  }
  /** 城市及热门城市列表: `GET /api/user/area/cities/withHot` */
  areaCitiesWithHot(params: Operations['areaCitiesWithHot']['params'] = {}): Promise<Result<Operations['areaCitiesWithHot']['answer']>> {
    return this.call('areaCitiesWithHot', params);
  }
  /** 根据经纬度获取所在省市区: `GET /api/user/area/getByGps` */
  areaGetByGps(params: Operations['areaGetByGps']['params']): Promise<Result<Operations['areaGetByGps']['answer']>> {
    return this.call('areaGetByGps', params);
  }
  /** 商家类别树: `GET /api/user/merchant/categories/tree` */
  merchantCategoriesTree(params: Operations['merchantCategoriesTree']['params'] = {}): Promise<Result<Operations['merchantCategoriesTree']['answer']>> {
    return this.call('merchantCategoriesTree', params);
  }
  /** 商家列表 (关键字搜索, 附近商家等): `GET /api/user/merchants` */
  merchants(params: Operations['merchants']['params'] = {}): Promise<Result<Operations['merchants']['answer']>> {
    return this.call('merchants', params);
  }
  /** 商家详情: `GET /api/user/merchant/detail` */
  merchantDetail(params: Operations['merchantDetail']['params']): Promise<Result<Operations['merchantDetail']['answer']>> {
    return this.call('merchantDetail', params);
  }
  /** 商家的在售商品列表: `GET /api/user/goods` */
  goods(params: Operations['goods']['params']): Promise<Result<Operations['goods']['answer']>> {
    return this.call('goods', params);
  }
  /** 商品详情: `GET /api/user/goods/detail` */
  goodsDetail(params: Operations['goodsDetail']['params']): Promise<Result<Operations['goodsDetail']['answer']>> {
    return this.call('goodsDetail', params);
  }
  /** 下单: `POST /api/user/order/buy` */
  orderBuy(params: Operations['orderBuy']['params']): Promise<Result<Operations['orderBuy']['answer']>> {
    return this.call('orderBuy', params);
  }
  /** 为未支付订单重新发起支付: `POST /api/user/order/pay` */
  orderPay(params: Operations['orderPay']['params']): Promise<Result<Operations['orderPay']['answer']>> {
    return this.call('orderPay', params);
  }
  /** 取消未支付订单 (并关闭微信支付交易): `POST /api/user/order/cancel` */
  orderCancel(params: Operations['orderCancel']['params']): Promise<Result<Operations['orderCancel']['answer']>> {
    return this.call('orderCancel', params);
  }
  /** 订单列表: `GET /api/user/orders` */
  orders(params: Operations['orders']['params'] = {}): Promise<Result<Operations['orders']['answer']>> {
    return this.call('orders', params);
  }
  /** 订单详情: `GET /api/user/order/detail` */
  orderDetail(params: Operations['orderDetail']['params']): Promise<Result<Operations['orderDetail']['answer']>> {
    return this.call('orderDetail', params);
  }
  /** 退款: `POST /api/user/order/refund` */
  orderRefund(params: Operations['orderRefund']['params']): Promise<Result<Operations['orderRefund']['answer']>> {
    return this.call('orderRefund', params);
  }
  /** H5 跳转链接 (票据): `POST /api/user/order/bridge` */
  orderBridge(params: Operations['orderBridge']['params']): Promise<Result<Operations['orderBridge']['answer']>> {
    return this.call('orderBridge', params);
  }
}
