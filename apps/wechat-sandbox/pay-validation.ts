import { PAY_ERRORS, type PayError } from './pay-errors.js';

/** A JSAPI prepay request that passed WeChat Pay's checks of its shape. */
export interface JsapiOrder {
  readonly appid: string;
  readonly mchid: string;
  readonly description: string;
  readonly outTradeNo: string;
  readonly timeExpire: string | null;
  readonly attach: string | null;
  readonly notifyUrl: string;
  readonly total: number;
  readonly openid: string;
}

/** A refund request that passed WeChat Pay's checks of its shape. */
export interface RefundOrder {
  readonly outTradeNo: string | null;
  readonly transactionId: string | null;
  readonly outRefundNo: string;
  readonly reason: string | null;
  readonly notifyUrl: string | null;
  readonly refund: number;
  readonly total: number;
}

/** 商户订单号: 6-32 digits, letters and `_-|*`. */
export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const TRANSACTION_ID = /^[0-9]{1,32}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Fields = Record<string, unknown>;
const invalid = (path: string, rule: string): PayError => PAY_ERRORS.paramError(`输入源“/body${path}”校验失败：${rule}`);

/** Parses a request body that must be a JSON object. */
export function parseJsonObject(raw: string): Fields | PayError {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return PAY_ERRORS.paramError('请求体不是合法的JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return PAY_ERRORS.paramError('请求体必须是JSON对象');
  return value as Fields;
}

/** Checks a `POST /v3/pay/transactions/jsapi` body as WeChat Pay does. */
export function validateJsapi(body: Fields): JsapiOrder | PayError {
  const text = (path: string, value: unknown, max: number): PayError | null =>
    typeof value === 'string' && value.length >= 1 && value.length <= max ? null : invalid(path, `必填，1-${max}个字符`);
  const amount = body.amount as Fields | undefined;
  const payer = body.payer as Fields | undefined;
  const error =
    text('/appid', body.appid, 32) ??
    text('/mchid', body.mchid, 32) ??
    text('/description', body.description, 127) ??
    (typeof body.out_trade_no === 'string' && OUT_TRADE_NO.test(body.out_trade_no)
      ? null
      : invalid('/out_trade_no', '6-32个字符，只能是数字、大小写字母_-|*')) ??
    optionalTime('/time_expire', body.time_expire) ??
    (body.attach === undefined ? null : text('/attach', body.attach, 128)) ??
    notifyUrl('/notify_url', body.notify_url) ??
    (isObject(amount) ? null : invalid('/amount', '必填')) ??
    positiveInteger('/amount/total', amount?.total) ??
    currency('/amount/currency', amount?.currency, false) ??
    (isObject(payer) ? null : invalid('/payer', '必填')) ??
    text('/payer/openid', payer?.openid, 128);
  if (error) return error;
  return {
    appid: body.appid as string,
    mchid: body.mchid as string,
    description: body.description as string,
    outTradeNo: body.out_trade_no as string,
    timeExpire: (body.time_expire as string | undefined) ?? null,
    attach: (body.attach as string | undefined) ?? null,
    notifyUrl: body.notify_url as string,
    total: amount!.total as number,
    openid: payer!.openid as string,
  };
}

/** Checks a `POST /v3/refund/domestic/refunds` body as WeChat Pay does. */
export function validateRefund(body: Fields): RefundOrder | PayError {
  const { transaction_id: transactionId, out_trade_no: outTradeNo } = body;
  const amount = body.amount as Fields | undefined;
  const error =
    (transactionId === undefined && outTradeNo === undefined
      ? invalid('/out_trade_no', 'transaction_id与out_trade_no必填其一')
      : null) ??
    (transactionId === undefined || (typeof transactionId === 'string' && TRANSACTION_ID.test(transactionId))
      ? null
      : invalid('/transaction_id', '微信支付订单号格式错误')) ??
    (outTradeNo === undefined || (typeof outTradeNo === 'string' && OUT_TRADE_NO.test(outTradeNo))
      ? null
      : invalid('/out_trade_no', '6-32个字符，只能是数字、大小写字母_-|*')) ??
    (typeof body.out_refund_no === 'string' && OUT_REFUND_NO.test(body.out_refund_no)
      ? null
      : invalid('/out_refund_no', '1-64个字符，只能是数字、大小写字母_-|*@')) ??
    (body.reason === undefined || (typeof body.reason === 'string' && body.reason.length <= 80)
      ? null
      : invalid('/reason', '不超过80个字符')) ??
    (body.notify_url === undefined ? null : notifyUrl('/notify_url', body.notify_url)) ??
    (isObject(amount) ? null : invalid('/amount', '必填')) ??
    positiveInteger('/amount/refund', amount?.refund) ??
    positiveInteger('/amount/total', amount?.total) ??
    currency('/amount/currency', amount?.currency, true);
  if (error) return error;
  return {
    outTradeNo: (outTradeNo as string | undefined) ?? null,
    transactionId: (transactionId as string | undefined) ?? null,
    outRefundNo: body.out_refund_no as string,
    reason: (body.reason as string | undefined) ?? null,
    notifyUrl: (body.notify_url as string | undefined) ?? null,
    refund: amount!.refund as number,
    total: amount!.total as number,
  };
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(path: string, value: unknown): PayError | null {
  return Number.isSafeInteger(value) && (value as number) > 0 ? null : invalid(path, '必填，正整数（单位：分）');
}

function currency(path: string, value: unknown, required: boolean): PayError | null {
  if (value === undefined && !required) return null;
  return value === 'CNY' ? null : invalid(path, '只支持CNY');
}

function optionalTime(path: string, value: unknown): PayError | null {
  if (value === undefined) return null;
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value))
    ? null
    : invalid(path, '须为rfc3339格式，如2018-06-08T10:34:56+08:00');
}

function notifyUrl(path: string, value: unknown): PayError | null {
  const refuse = invalid(path, '须为http或https的完整URL，不能携带参数，不超过255个字符');
  if (typeof value !== 'string' || value.length > 255) return refuse;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '' ? null : refuse;
}
