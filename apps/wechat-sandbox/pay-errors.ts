/** An error as WeChat Pay API v3 answers it: an HTTP status and a body `{code, message}`. */
export interface PayError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** WeChat's optional `detail` object (the sandbox fills it for signature errors). */
  readonly detail?: object;
}

/** Builds a `PayError`. */
export function payError(status: number, code: string, message: string, detail?: object): PayError {
  return detail === undefined ? { status, code, message } : { status, code, message, detail };
}

/** Whether a value is a `PayError` (the ledger answers either a result or one of these). */
export function isPayError(value: unknown): value is PayError {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value && 'message' in value;
}

/** The errors of WeChat Pay API v3 the sandbox answers (codes from the API reference). */
export const PAY_ERRORS = Object.freeze({
  paramError: (message: string) => payError(400, 'PARAM_ERROR', message),
  invalidRequest: (message: string) => payError(400, 'INVALID_REQUEST', message),
  signError: (message: string, detail?: object) => payError(401, 'SIGN_ERROR', message, detail),
  appidMchidNotMatch: () => payError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配'),
  outTradeNoUsed: () => payError(400, 'INVALID_REQUEST', '201 商户订单号重复'),
  orderClosed: () => payError(400, 'ORDER_CLOSED', '订单已关闭'),
  orderPaid: () => payError(400, 'ORDER_PAID', '订单已支付'),
  orderNotExist: () => payError(404, 'ORDER_NOT_EXIST', '订单不存在'),
  resourceNotExists: (message: string) => payError(404, 'RESOURCE_NOT_EXISTS', message),
  notFound: (message: string) => payError(404, 'NOT_FOUND', message),
  systemError: () => payError(500, 'SYSTEM_ERROR', '系统错误'),
  notEnough: () => payError(403, 'NOT_ENOUGH', '基本账户余额不足，请充值后重新发起'),
} satisfies Record<string, (...args: never[]) => PayError>);
